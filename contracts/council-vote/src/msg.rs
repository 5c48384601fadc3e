//! The messages are defined once, in the interface crate, for peers and frontends alike.

pub use berty_interface::council_vote::*;
