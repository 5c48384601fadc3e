//! The release suite is berty-testing's (`berty_testing::release`): the contract deployed
//! as planned, with stand-ins for its peers.

pub use berty_testing::release::*;
