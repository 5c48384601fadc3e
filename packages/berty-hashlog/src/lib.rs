//! The audit trail of SPEC section 6: every log is a hash chain of typed events,
//! `hash_0 = sha256("berty-dao/<log>/v1\n<chain_id>\n<contract>\n<key>")` and
//! `hash_n = sha256(hash_{n-1} ++ canonical_json(event_n))`.
//!
//! Canonical JSON is `cosmwasm_std::to_json_vec` of the typed event (serde_json:
//! compact, fields in declared order), the same bytes on chain and in the offline verifier.

pub mod event;
pub mod hash;
pub mod log;

pub use event::{Event, LogEntry, LogEventsResponse, LogHead};
pub use hash::{chain_hash, genesis_hash, pubkey_address_bytes, sha256, Hash};
pub use log::{HeldHead, Log, LogName, NewEvent};
