//! The integration tests, compiled into one test binary (one link instead of one per file).
//! Each module is one area; the modules at the top are shared helpers. The real-terminal
//! end-to-end test (`tests/e2e.rs`) stays a binary of its own.

/// The program's allocator, so that what is measured here (throughput, scale) is what
/// ships (`src/main.rs`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../benches/support/generate.rs"]
mod generate;
#[cfg(feature = "app")]
mod keys;
#[path = "../../examples/support/ner.rs"]
mod ner;
#[cfg(all(unix, feature = "app"))]
mod pty;
mod scorer;
mod support;
#[path = "../../examples/support/train.rs"]
mod train;

mod background;
mod cache;
mod cli;
mod corrections;
mod entities;
mod entity_typer;
mod facts;
mod fetch;
mod formats;
mod fuzz_regressions;
mod hostile;
mod modules;
mod newsboat;
mod notes;
mod scale;
mod segmentation;
mod stories;
mod story_groups;
mod torture;
mod tui;
mod tui_analysis;
mod tui_claims;
mod tui_layers;
mod tui_meta;
mod tui_notes;
mod tui_robust;
mod tui_sources;
mod tui_stories;
mod user_lists;
