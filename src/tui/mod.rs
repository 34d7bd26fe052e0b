//! The terminal reader.
use crate::analysis::Analysis;
use crate::corpus::Corpus;

/// How the reader looks and behaves.
pub struct ReaderOptions {
    pub no_color: bool,
}

/// Opens the reader.
pub fn run(corpus: Corpus, analysis: Analysis, options: ReaderOptions) -> anyhow::Result<()> {
    let _ = (corpus, analysis, options.no_color);
    Ok(())
}
