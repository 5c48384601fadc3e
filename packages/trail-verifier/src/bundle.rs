//! The bundle of one release: the four contracts' logs behind it and the answers that
//! carry what the logs keep only as digests (ballot rationales) or not at all (rules).

use berty_hashlog::LogEntry;
use berty_interface::audit_registry::{ReportEventData, ReportEventKind};
use berty_interface::council_vote::{
    BallotEventData, BallotEventKind, BallotResponse, ProposalResponse,
};
use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::release::{ReleaseEventData, ReleaseEventKind, ReleaseResponse};
use cosmwasm_schema::cw_serde;
use cosmwasm_std::Addr;

/// The bundle format this crate writes and reads.
pub const BUNDLE_VERSION: u32 = 1;

pub type ReleaseLogEntry = LogEntry<ReleaseEventKind, ReleaseEventData>;
pub type ReportLogEntry = LogEntry<ReportEventKind, ReportEventData>;
pub type BallotLogEntry = LogEntry<BallotEventKind, BallotEventData>;
pub type MemberLogEntry = LogEntry<MemberEventKind, MemberEventData>;

/// The four contract instances of the DAO.
#[cw_serde]
pub struct Contracts {
    pub membership: Addr,
    pub audit_registry: Addr,
    pub council_vote: Addr,
    pub release: Addr,
}

/// One council vote on the release: the `proposal` answer, the `ballots` answers (the
/// rationale texts) and the proposal's whole ballots log.
#[cw_serde]
pub struct VoteBundle {
    pub proposal: ProposalResponse,
    pub ballots: Vec<BallotResponse>,
    pub ballots_log: Vec<BallotLogEntry>,
}

/// `{ version, chain_id, contracts, release_id, release, release_log, reports_log, votes,
/// members_log }`: every log complete from seq 0, events as the log queries answer them.
#[cw_serde]
pub struct Bundle {
    pub version: u32,
    pub chain_id: String,
    pub contracts: Contracts,
    pub release_id: String,
    pub release: ReleaseResponse,
    pub release_log: Vec<ReleaseLogEntry>,
    pub reports_log: Vec<ReportLogEntry>,
    /// One per `vote_opened` of the release log, in that order.
    pub votes: Vec<VoteBundle>,
    pub members_log: Vec<MemberLogEntry>,
}

impl Bundle {
    /// A bundle of the current version from query answers (each log's pages concatenated).
    pub fn from_parts(
        chain_id: impl Into<String>,
        contracts: Contracts,
        release: ReleaseResponse,
        release_log: Vec<ReleaseLogEntry>,
        reports_log: Vec<ReportLogEntry>,
        votes: Vec<VoteBundle>,
        members_log: Vec<MemberLogEntry>,
    ) -> Self {
        Bundle {
            version: BUNDLE_VERSION,
            chain_id: chain_id.into(),
            contracts,
            release_id: release.release_id.clone(),
            release,
            release_log,
            reports_log,
            votes,
            members_log,
        }
    }

    /// Reads a bundle from its JSON file contents. A field the bundle's types do not have is
    /// refused, naming where: the hashes are recomputed from the typed events, so an
    /// unknown field would otherwise be read past, unhashed and unchecked, by this verifier
    /// while another reader might show it. (`cw_serde` no longer denies unknown fields in
    /// cosmwasm-schema 3.)
    pub fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        let file: serde_json::Value = serde_json::from_slice(bytes)?;
        let bundle: Bundle = serde_json::from_value(file.clone())?;
        let typed = serde_json::to_value(&bundle)?;
        match unknown_field(&file, &typed, &mut String::new()) {
            Some(path) => Err(serde::de::Error::custom(format!("unknown field {path}"))),
            None => Ok(bundle),
        }
    }

    /// The bundle as pretty JSON (what the export writes).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a bundle serializes")
    }
}

/// The first field of `file` that `typed` (the bundle as its types write it back) lacks, as
/// a path like `release_log[1].event.data.approved`. Omitted optional fields are fine.
fn unknown_field(
    file: &serde_json::Value,
    typed: &serde_json::Value,
    path: &mut String,
) -> Option<String> {
    use serde_json::Value;
    match (file, typed) {
        (Value::Object(fields), Value::Object(known)) => fields.iter().find_map(|(name, value)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            let found = match known.get(name) {
                None => Some(path.clone()),
                Some(typed) => unknown_field(value, typed, path),
            };
            path.truncate(len);
            found
        }),
        (Value::Array(items), Value::Array(known)) => {
            items
                .iter()
                .zip(known)
                .enumerate()
                .find_map(|(i, (item, typed))| {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    let found = unknown_field(item, typed, path);
                    path.truncate(len);
                    found
                })
        }
        _ => None,
    }
}
