//! `recoupe export` and `recoupe import`: notes in and out of a corpus's store.

use super::args::{DataDir, Export, ExportFormat, Import};
use crate::analysis::{Analysis, Lexicon};
use crate::corpus::{sanitize_line, Corpus};
use crate::notes::{self, Format, Store};
use crate::sources::Sources;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

/// `--data-dir`, else `$RECOUPE_DATA_DIR`, else the platform's data folder.
pub fn data_dir(d: &DataDir) -> Result<PathBuf> {
    d.data_dir
        .clone()
        .or_else(notes::default_data_dir)
        .context("no data folder: give one with --data-dir or RECOUPE_DATA_DIR")
}

fn open(corpus: &Corpus, d: &DataDir) -> Result<Store> {
    let dir = data_dir(d)?;
    let (store, warnings) = Store::open_for(&dir, corpus).with_context(|| {
        format!(
            "cannot open the notes in {}",
            sanitize_line(&dir.display().to_string())
        )
    })?;
    for w in warnings {
        eprintln!("recoupe: warning: {w}");
    }
    Ok(store)
}

/// Applies the entity corrections the reader keeps for `corpus` (none without a data
/// folder) to `entities`; each that found nothing to change is a warning.
pub fn apply_corrections(corpus: &Corpus, entities: &mut crate::entities::Entities, d: &DataDir) {
    let Ok(dir) = data_dir(d) else {
        return;
    };
    let corrections = notes::corrections_for(&dir, corpus);
    if corrections.is_empty() {
        return;
    }
    let applied = crate::entities::corrections::apply(entities, corpus, &corrections);
    for what in applied.unmatched {
        eprintln!(
            "recoupe: warning: correction no longer applies: {}",
            sanitize_line(&what)
        );
    }
}

/// The export folder: the configuration's `export.dir`, else `exports` in the data folder.
pub fn export_dir(config: &crate::config::Config, d: &DataDir) -> Result<PathBuf> {
    let data = data_dir(d).ok();
    config
        .export
        .folder(crate::config::path().as_deref(), data.as_deref())
        .context(
            "no export folder: give one with -o, export.dir in the configuration, or a data folder",
        )
}

pub fn export(e: &Export, lexicon: &Arc<Lexicon>) -> Result<()> {
    let format = match e.format {
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Json => Format::Json,
        ExportFormat::W3c => Format::W3c,
    };
    // Only Markdown names the entities and facts of each passage.
    let markdown = format == Format::Markdown;
    let opened = super::open::open(&e.inputs, markdown.then_some(lexicon))?;
    let store = open(&opened.corpus, &e.data)?;
    let (corpus, mut analysis) = match markdown {
        true => opened.analysis()?,
        false => (opened.corpus, Analysis::default()),
    };
    if markdown {
        apply_corrections(&corpus, &mut analysis.entities, &e.data);
    }
    let sources = match markdown {
        true => super::stories::sources_of(&corpus, &analysis),
        false => Sources::default(),
    };
    let text = format.render(
        &corpus,
        &analysis.entities,
        &analysis.facts,
        &sources,
        &store,
    );
    let count = store.notes().len();
    let written = match &e.output {
        Some(path) if path.as_os_str() == "-" => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            return Ok(());
        }
        Some(path) => {
            let shown = sanitize_line(&path.display().to_string());
            if path.exists() && !e.force {
                anyhow::bail!("{shown} already exists; choose another file or add --force");
            }
            crate::files::write_replacing(path, text.as_bytes())
                .with_context(|| format!("cannot write {shown}"))?;
            path.clone()
        }
        None => {
            let dir = export_dir(&super::load_config()?, &e.data)?;
            let shown = sanitize_line(&dir.display().to_string());
            notes::write_export_file(&dir, &format.file_name(&corpus), &text)
                .with_context(|| format!("cannot write in the export folder {shown}"))?
        }
    };
    let shown = sanitize_line(&written.display().to_string());
    eprintln!(
        "recoupe: {} written to {shown}",
        crate::text::counted(count, "note", "notes")
    );
    Ok(())
}

/// Most articles named when an import is refused; the rest are counted.
const LISTED: usize = 20;

pub fn import(corpus: &Corpus, i: &Import) -> Result<()> {
    let shown = sanitize_line(&i.file.display().to_string());
    let bytes = crate::files::read_regular(&i.file, crate::notes::MAX_STORE_BYTES)
        .with_context(|| format!("cannot read {shown}"))?;
    let data = notes::read_export(&bytes)
        .with_context(|| format!("{shown}: not a recoupe notes export"))?;
    let foreign = notes::unmatched_articles(&data, corpus);
    if !foreign.is_empty() && !i.force {
        for a in foreign.iter().take(LISTED) {
            eprintln!(
                "recoupe: {shown}: notes on an article not in this collection: {} ({})",
                sanitize_line(&a.title),
                crate::corpus::escaped(&a.id)
            );
        }
        if foreign.len() > LISTED {
            eprintln!(
                "recoupe: {shown}: and {} more articles",
                foreign.len() - LISTED
            );
        }
        anyhow::bail!(
            "{shown}: notes made on another collection ({} articles not here); nothing \
             imported; add --force to import them anyway, kept as orphans with their quotes",
            foreign.len()
        );
    }
    let mut store = open(corpus, &i.data)?;
    let n = store.import(&data);
    for w in store.save().context("cannot save the notes")? {
        eprintln!("recoupe: warning: {w}");
    }
    eprintln!(
        "recoupe: {} merged from {shown}",
        crate::text::counted(n, "note", "notes")
    );
    Ok(())
}
