//! The canonical digests that optional report and ballot signatures sign (SPEC section 6):
//! sha256 of the compact JSON of these structs, fields in declared order.

use berty_hashlog::{sha256, Hash};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{to_json_vec, StdResult};

use crate::audit_registry::ReportStatus;
use crate::council_vote::Vote;

/// `{"chain_id","contract","release_id","status","report_uri","report_digest"}`,
/// `contract` being the audit registry.
#[cw_serde]
pub struct ReportSigningPayload {
    pub chain_id: String,
    pub contract: String,
    pub release_id: String,
    pub status: ReportStatus,
    pub report_uri: String,
    pub report_digest: String,
}

/// `{"chain_id","contract","proposal_id","vote","rationale"}`, `contract` being the
/// council-vote contract and `rationale` the text or `null`.
#[cw_serde]
pub struct BallotSigningPayload {
    pub chain_id: String,
    pub contract: String,
    pub proposal_id: u64,
    pub vote: Vote,
    pub rationale: Option<String>,
}

/// sha256 of the canonical JSON of a signing payload: the 32 bytes a signature signs.
pub fn signing_digest<T: serde::Serialize>(payload: &T) -> StdResult<Hash> {
    Ok(sha256(&to_json_vec(payload)?))
}
