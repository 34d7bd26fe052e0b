//! Notes: anchoring, the store's safety and the exports, driven through the library API.
//!
//! The crash and concurrency tests run this same test binary again as a child process:
//! `crash::child_process` does nothing unless `RECOUPE_NOTES_CHILD` names a role
//! (`writer` saves notes in a loop until killed, `adder` adds a fixed number of notes),
//! with `RECOUPE_NOTES_STORE` giving the store file.

mod anchoring;
mod crash;
mod export;
mod store;
mod support;
