//! The command line.

/// Entry point of the binary.
pub fn main() -> std::process::ExitCode {
    let corpus = crate::corpus::Corpus::bundled();
    let analysis = crate::analysis::analyse(&corpus);
    match crate::tui::run(corpus, analysis, crate::tui::ReaderOptions::from_env()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recoupe: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
