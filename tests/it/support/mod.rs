//! Servers and files shared by several test modules.

pub mod http;
