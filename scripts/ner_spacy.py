#!/usr/bin/env python3
"""Runs a spaCy model on the texts written by `ner_eval --texts` and prints its names as
JSON lines (article, byte start and end, label), for `ner_eval --system` to score with the
same scorer as recoupe. Measurement only: recoupe never runs Python.

    python3 scripts/ner_spacy.py en_core_web_sm texts.jsonl > spacy.jsonl
"""
import json
import sys

import spacy


def main():
    model, texts = sys.argv[1], sys.argv[2]
    nlp = spacy.load(model)
    with open(texts, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs)):
        text = d["text"]
        for ent in doc.ents:
            start = len(text[: ent.start_char].encode("utf-8"))
            end = start + len(text[ent.start_char : ent.end_char].encode("utf-8"))
            print(json.dumps({"article": d["article"], "start": start, "end": end, "label": ent.label_}))


if __name__ == "__main__":
    main()
