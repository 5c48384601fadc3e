//! The offline verifier of the Berty DAO trail (SPEC section 6): a [`Bundle`] holds the
//! logs of one release (release, reports, the ballots of each vote, members) with the
//! chain id, the contract addresses and the answers that carry what logs keep as digests;
//! [`verify`] recomputes every chain, checks the cross-commitments and signatures, replays
//! the members log and re-derives each gate; [`render`] writes a readable account.

pub mod bundle;
pub mod chain;
pub mod error;
pub mod export;
pub mod keys;
pub mod members;
pub mod render;
pub mod reports;
pub mod tally;
pub mod update;
pub mod verify;
pub mod votes;

pub use bundle::{Bundle, Contracts, VoteBundle, BUNDLE_VERSION};
pub use error::{Continuation, LogId, Problem, VerifyError};
pub use render::render;
pub use update::{check_continues, Continued};
pub use verify::{verify, ArtifactFile, Verified};
