//! Replays the minimised fuzz corpus in `tests/fixtures/fuzz/<target>/` through the same
//! checks the fuzz targets run (`recoupe::fuzzing`), so that `cargo test` keeps every
//! finding fixed without a nightly compiler. Each file is one input; files named after a
//! bug pin that bug, the others are a small set of inputs covering each target's paths.

use recoupe::fuzzing;
use std::path::Path;

/// Runs `check` on every file of the target's folder; fails naming the file that broke.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs for {target}");
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if let Err(e) = std::panic::catch_unwind(|| check(&data)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{target}/{name}: {msg}");
        }
    }
}

#[test]
fn decode_sanitize_corpus() {
    replay("decode_sanitize", fuzzing::check_decode);
}

#[test]
fn formats_corpus() {
    replay("formats", fuzzing::check_formats);
}

#[test]
fn segmentation_corpus() {
    replay("segmentation", fuzzing::check_segmentation);
}

#[test]
fn entities_corpus() {
    replay("entities", fuzzing::check_entities);
}

#[test]
fn notes_corpus() {
    replay("notes", fuzzing::check_notes);
}

/// Found by fuzzing: `ESC . \n` swallowed the line break as the escape's final byte.
#[test]
fn escape_cut_short_by_a_newline_keeps_it() {
    fuzzing::check_decode(b"\x1b.\n");
    let (text, _) = recoupe::corpus::decode(b"Un.\x1b(\nDeux.").unwrap();
    assert_eq!(text, "Un.\nDeux.");
}
