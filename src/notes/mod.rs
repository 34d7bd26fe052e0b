//! The reader's notes: highlights anchored to passages with W3C Web Annotation selectors,
//! kept in a store that is never lost or silently overwritten, and exported for people and
//! tools.
