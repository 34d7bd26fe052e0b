//! recoupe: read several news articles about one story side by side and cross-check them.
//!
//! The library is the whole of the analysis, free of any terminal or command-line code:
//! [`corpus`] loads and sanitises articles, [`text`] gives them structure as byte spans,
//! [`entities`] finds and resolves names and figures, [`facts`] links passages that report
//! the same thing across articles, and [`notes`] keeps the reader's highlights safe.
//! The terminal reader ([`tui`]) and the command line ([`cli`]) sit on top, behind the
//! `app` feature, with fetching from the web ([`fetch`]).

pub mod analysis;
pub mod cache;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod facts;
pub mod failure;
pub mod figures;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod notes;
pub mod session;
pub mod sources;
pub mod stories;
pub mod text;

#[cfg(feature = "app")]
pub mod cli;
#[cfg(feature = "app")]
pub mod fetch;
#[cfg(feature = "app")]
pub mod tui;
