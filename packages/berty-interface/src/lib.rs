//! The one definition of everything Berty DAO contracts share: roles, the messages and
//! answers peers exchange, the raw storage layout peers read, input validation,
//! pagination bounds, the council's decision rule and the payloads auditors and council
//! members sign.

pub mod audit_registry;
pub mod council_vote;
pub mod keys;
pub mod membership;
pub mod migrate;
pub mod ownership;
pub mod paginate;
pub mod proposal_msg;
pub mod release;
pub mod role;
pub mod signing;
pub mod tally;
pub mod validate;

pub use role::{College, Role, RoleFilter, RoleKind};
