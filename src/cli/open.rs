//! How a command opens its articles: through the same [`Session`] as the reader (load,
//! then analyse through the cache unless `--no-cache`), waiting for it with progress on
//! standard error. Warnings are one line each on standard error; a collection with no
//! article is an error.

use super::args::Inputs;
use super::{fetch, progress};
use crate::analysis::{Analysis, Lexicon};
use crate::cache::Cache;
use crate::corpus::{self, Corpus, LoadOptions};
use crate::session::{Event, Opening, Session};
use anyhow::Result;
use std::sync::Arc;

/// The articles of an open, and the open itself, still analysing when asked to.
pub(super) struct Opened {
    pub corpus: Arc<Corpus>,
    session: Session,
}

/// Opens the named paths, or the bundled articles when none is named, and waits for the
/// articles; their analysis with `lexicon` starts at once when one is given. Prints one line
/// per file that could not be loaded.
pub(super) fn open(inputs: &Inputs, lexicon: Option<&Arc<Lexicon>>) -> Result<Opened> {
    let paths = fetch::resolve(inputs, None)?;
    let stages = progress::Stages::start();
    stages.stage("reading articles");
    let mut session = Session::open(Opening {
        load: load_options(inputs),
        cache: cache_for(inputs),
        lexicon: lexicon.cloned().unwrap_or_default(),
        analyse: lexicon.is_some(),
        ..Opening::new(paths)
    });
    let corpus = loop {
        match session.wait() {
            Some(Event::Loaded(corpus)) => break corpus,
            Some(Event::Warning(w)) => warn(&w),
            Some(Event::Stopped(_)) | None => anyhow::bail!("reading the articles stopped"),
            Some(Event::Carried(..) | Event::Analysed(..)) => {}
        }
    };
    drop(stages);
    for w in &corpus.warnings {
        eprintln!("recoupe: warning: {w}");
    }
    if corpus.articles.is_empty() {
        anyhow::bail!("no article could be loaded from the given paths");
    }
    Ok(Opened { corpus, session })
}

impl Opened {
    /// Waits for the analysis (opened with a lexicon), its progress shown on a terminal;
    /// cache problems and articles the analyser failed on are one-line warnings.
    pub fn analysis(mut self) -> Result<(Arc<Corpus>, Analysis)> {
        let session = &mut self.session;
        let progress = Arc::clone(session.progress());
        let analysed = progress::watch(&progress, || loop {
            match session.wait() {
                Some(Event::Analysed(analysis, outcome)) => break Some((analysis, outcome)),
                Some(Event::Warning(w)) => warn(&w),
                Some(Event::Stopped(_)) | None => break None,
                Some(Event::Loaded(_) | Event::Carried(..)) => {}
            }
        });
        let Some((analysis, outcome)) = analysed else {
            anyhow::bail!("the analysis stopped");
        };
        for w in &outcome.warnings {
            warn(w);
        }
        Ok((self.corpus, analysis))
    }
}

fn warn(line: &str) {
    eprintln!("recoupe: warning: {}", corpus::sanitize_line(line));
}

pub(super) fn load_options(inputs: &Inputs) -> LoadOptions {
    LoadOptions {
        max_file_size: inputs.max_file_size,
        ..LoadOptions::default()
    }
}

/// The cache to use for these inputs: none with `--no-cache` or when no cache folder can
/// be found.
pub(super) fn cache_for(inputs: &Inputs) -> Option<Cache> {
    if inputs.no_cache {
        return None;
    }
    Cache::default_dir().map(Cache::new)
}
