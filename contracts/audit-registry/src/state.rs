//! Storage. Everything is keyed so that an execute touches a fixed number of entries:
//! one stake per auditor (bond and its claims together, so a slash is one read and one
//! write), the newest report per (release, auditor), the history per report, the reports
//! log per release, and challenges indexed by auditor and status for the list queries.

use berty_hashlog::{Log, LogName};
use berty_interface::audit_registry::{
    ChallengeStatus, DisputesConfig, ReportEventData, ReportEventKind, ReportStatus, StakingConfig,
};
use cosmwasm_std::{Addr, Decimal, Timestamp, Uint128};
use cw_storage_plus::{Index, IndexList, IndexedMap, Item, Map, MultiIndex};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub membership: Addr,
    pub release: Addr,
    pub governance: Addr,
    pub pending_governance: Option<Addr>,
    pub staking: Option<StakingConfig>,
    pub disputes: Option<DisputesConfig>,
}

pub const CONFIG: Item<Config> = Item::new("config");

/// The most unbonding claims one auditor may hold at once: claims are iterated by
/// `claim` and cut one by one by `execute_slash`, so their number is bounded.
pub const MAX_CLAIMS: usize = 32;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub amount: Uint128,
    pub release_at: Timestamp,
}

/// An auditor's tokens in the registry: its bond, its unbonding claims (oldest first),
/// and how many challenges against it are pending (they lock the claims).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Stake {
    pub bonded: Uint128,
    pub claims: Vec<Claim>,
    pub pending_challenges: u32,
}

impl Stake {
    pub fn unbonding(&self) -> Uint128 {
        self.claims.iter().map(|c| c.amount).sum()
    }
}

pub const STAKES: Map<&Addr, Stake> = Map::new("stakes");

/// Addresses with a stake entry that held, or were granted, the auditor role at a bond:
/// the stakers the audit gate walks besides the auditor role holders (it lists their
/// reports uncounted once they lost the role). Bounded by the addresses that paid
/// `min_bond` (or were made auditors by governance) and still hold a stake: inserted by
/// `bond`, removed with their stake entry (`save_stake`). A dust bond without the role
/// never enters it.
pub const STAKED_AUDITORS: Map<&Addr, ()> = Map::new("staked_auditors");

/// The newest report of an auditor on a release: its history seq, its status (all the
/// audit gate needs, so the gate reads a few bytes per auditor), its seq in the release's
/// reports log (which holds the report itself), and whether an executed slash voided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LatestReport {
    pub seq: u64,
    pub status: ReportStatus,
    pub log_seq: u64,
    pub voided: bool,
}

/// Stored as `[seq, status, log_seq]`, with `true` appended once voided: a report (the hot
/// path) writes no flag it does not need, and entries of the first version read as they are.
impl Serialize for LatestReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = serializer.serialize_tuple(if self.voided { 4 } else { 3 })?;
        t.serialize_element(&self.seq)?;
        t.serialize_element(&self.status)?;
        t.serialize_element(&self.log_seq)?;
        if self.voided {
            t.serialize_element(&true)?;
        }
        t.end()
    }
}

impl<'de> Deserialize<'de> for LatestReport {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = LatestReport;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a newest report: 3 or 4 elements")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<LatestReport, A::Error> {
                use serde::de::Error;
                let missing = |i| A::Error::invalid_length(i, &self);
                Ok(LatestReport {
                    seq: seq.next_element()?.ok_or_else(|| missing(0))?,
                    status: seq.next_element()?.ok_or_else(|| missing(1))?,
                    log_seq: seq.next_element()?.ok_or_else(|| missing(2))?,
                    voided: seq.next_element()?.unwrap_or(false),
                })
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// The newest report per `(release_id, auditor)`.
pub const LATEST: Map<(&str, &Addr), LatestReport> = Map::new("reports");

/// Every report, `(release_id, auditor, seq) -> seq in the reports log`, seq counting the
/// auditor's reports on that release from 0. The report's fields live once, in the log
/// event (status, uri, digest, signature, key, height, time): every byte written costs 30 gas.
pub const HISTORY: Map<(&str, &Addr, u64), u64> = Map::new("report_history");

/// Per release: `report` and `slashed` events (SPEC section 6).
pub const REPORTS_LOG: Log<ReportEventKind, ReportEventData> = Log::new(LogName::Reports);

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Challenge {
    pub challenger: Addr,
    pub auditor: Addr,
    pub release_id: String,
    pub evidence_uri: String,
    pub bond: Uint128,
    pub status: ChallengeStatus,
    pub slash_ratio: Option<Decimal>,
    pub resolved_at: Option<Timestamp>,
    pub appeal_deadline: Option<Timestamp>,
    pub appeal_bond: Option<Uint128>,
    /// The court upheld it: final without waiting for the window.
    pub ruled: bool,
    pub slashed_amount: Option<Uint128>,
    /// The challenged report's seq in the release's reports log (the auditor's newest when
    /// the challenge was opened); the one an executed slash voids.
    #[serde(default)]
    pub report_seq: u64,
    /// The court the appeal went to: the one configured when it was filed, which alone may
    /// rule on it whatever later configuration says.
    #[serde(default)]
    pub court: Option<Addr>,
}

pub const NEXT_CHALLENGE_ID: Item<u64> = Item::new("next_challenge_id");

pub struct ChallengeIndexes<'a> {
    pub auditor: MultiIndex<'a, Addr, Challenge, u64>,
    pub status: MultiIndex<'a, u8, Challenge, u64>,
    pub auditor_status: MultiIndex<'a, (Addr, u8), Challenge, u64>,
}

impl IndexList<Challenge> for ChallengeIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Challenge>> + '_> {
        let v: Vec<&dyn Index<Challenge>> = vec![&self.auditor, &self.status, &self.auditor_status];
        Box::new(v.into_iter())
    }
}

pub fn challenge_map<'a>() -> IndexedMap<u64, Challenge, ChallengeIndexes<'a>> {
    let indexes = ChallengeIndexes {
        auditor: MultiIndex::new(
            |_, c| c.auditor.clone(),
            "challenges",
            "challenges__auditor",
        ),
        status: MultiIndex::new(|_, c| c.status.code(), "challenges", "challenges__status"),
        auditor_status: MultiIndex::new(
            |_, c| (c.auditor.clone(), c.status.code()),
            "challenges",
            "challenges__auditor_status",
        ),
    };
    IndexedMap::new("challenges", indexes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn latest_reports_add_the_void_flag_only_once_voided() {
        let mut latest = LatestReport {
            seq: 2,
            status: ReportStatus::NoGo,
            log_seq: 7,
            voided: false,
        };
        assert_eq!(to_json_string(&latest).unwrap(), r#"[2,"no_go",7]"#);
        assert_eq!(
            from_json::<LatestReport>(r#"[2,"no_go",7]"#).unwrap(),
            latest
        );
        latest.voided = true;
        assert_eq!(to_json_string(&latest).unwrap(), r#"[2,"no_go",7,true]"#);
        assert_eq!(
            from_json::<LatestReport>(r#"[2,"no_go",7,true]"#).unwrap(),
            latest
        );
        assert!(from_json::<LatestReport>(r#"[2,"no_go"]"#).is_err());
    }
}
