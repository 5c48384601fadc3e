//! Messages and answers of the audit-registry contract (SPEC section 4.2). The release
//! contract asks `audit_gate`; the offline verifier reads the reports log's events.

use berty_hashlog::{LogEventsResponse, LogHead};
use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Binary, Decimal, Timestamp, Uint128};

/// An auditor's verdict on a candidate.
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum ReportStatus {
    Go,
    GoWithWarnings,
    NoGo,
}

impl ReportStatus {
    /// `go` and `go_with_warnings` let a candidate move on.
    pub fn is_positive(self) -> bool {
        matches!(self, ReportStatus::Go | ReportStatus::GoWithWarnings)
    }

    /// As JSON writes it, for event attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Go => "go",
            ReportStatus::GoWithWarnings => "go_with_warnings",
            ReportStatus::NoGo => "no_go",
        }
    }
}

/// Staked mode: auditors register by bonding at least `min_bond` of `denom`;
/// `unbonding_period` in seconds, at least 1.
#[cw_serde]
#[derive(Eq)]
pub struct StakingConfig {
    pub denom: String,
    pub min_bond: Uint128,
    pub unbonding_period: u64,
}

/// Disputes as sent (addresses unchecked). `challenger_reward` is a Decimal ≤ 1 of each
/// slash; `appeal_window` in seconds, at least 1.
#[cw_serde]
pub struct DisputesMsg {
    pub challenge_bond: Uint128,
    pub appeal_window: u64,
    pub court: Option<String>,
    pub slash_recipient: String,
    pub challenger_reward: Decimal,
}

/// Disputes as stored and answered.
#[cw_serde]
pub struct DisputesConfig {
    pub challenge_bond: Uint128,
    pub appeal_window: u64,
    pub court: Option<Addr>,
    pub slash_recipient: Addr,
    pub challenger_reward: Decimal,
}

#[cw_serde]
pub struct InstantiateMsg {
    pub membership: String,
    pub release: String,
    pub governance: String,
    pub staking: Option<StakingConfig>,
    pub disputes: Option<DisputesMsg>,
}

#[cw_serde]
pub struct SubmitReportMsg {
    pub release_id: String,
    pub status: ReportStatus,
    pub report_uri: String,
    pub report_digest: String,
    pub signature: Option<Binary>,
}

#[cw_serde]
pub struct ChallengeReportMsg {
    pub auditor: String,
    pub release_id: String,
    pub evidence_uri: String,
}

#[cw_serde]
/// A ruling on a challenge: governance's resolution or the court's ruling. `slash_ratio`
/// is needed to uphold; a dismissal ignores it.
pub struct RulingMsg {
    pub challenge_id: u64,
    pub uphold: bool,
    pub slash_ratio: Option<Decimal>,
}

#[cw_serde]
pub struct UpdateRegistryConfigMsg {
    pub membership: Option<String>,
    pub release: Option<String>,
    pub staking: Option<StakingConfig>,
    pub disputes: Option<DisputesMsg>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Payable in the staking denom: adds to the sender's bond.
    Bond {},
    /// Starts a claim of `amount` that matures after `unbonding_period`.
    Unbond { amount: Uint128 },
    /// Pays all matured claims.
    Claim {},
    /// Active auditors only, on an open candidate.
    SubmitReport(SubmitReportMsg),
    /// Payable: exactly `challenge_bond`. Opens a dispute about the auditor's newest report
    /// on the release.
    ChallengeReport(ChallengeReportMsg),
    /// Governance: uphold (with the ratio to slash) or dismiss.
    ResolveChallenge(RulingMsg),
    /// The challenged auditor, within the appeal window. Payable: exactly `challenge_bond`.
    Appeal { challenge_id: u64 },
    /// The court the appeal was filed with: final.
    Rule(RulingMsg),
    /// Anyone, once the slash is final.
    ExecuteSlash { challenge_id: u64 },
    /// Governance. Absent fields keep their value.
    UpdateConfig(UpdateRegistryConfigMsg),
    /// Governance: propose a new governance, which must accept.
    TransferOwnership { new_owner: String },
    /// The proposed governance: take over.
    AcceptOwnership {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    /// The auditor's newest report on the release.
    #[returns(ReportResponse)]
    Report { release_id: String, auditor: String },
    /// Newest report per auditor, by auditor address.
    #[returns(ReportsResponse)]
    Reports {
        release_id: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Every report the auditor posted on the release, oldest first.
    #[returns(ReportsResponse)]
    ReportHistory {
        release_id: String,
        auditor: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(AuditGateResponse)]
    AuditGate { release_id: String },
    #[returns(StakeResponse)]
    Stake { auditor: String },
    #[returns(ChallengeResponse)]
    Challenge { challenge_id: u64 },
    #[returns(ChallengesResponse)]
    Challenges {
        auditor: Option<String>,
        status: Option<ChallengeStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(ReportLogResponse)]
    ReportLog {
        release_id: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(LogHead)]
    ReportLogHead { release_id: String },
}

#[cw_serde]
pub struct ConfigResponse {
    pub membership: Addr,
    pub release: Addr,
    pub governance: Addr,
    pub pending_governance: Option<Addr>,
    pub staking: Option<StakingConfig>,
    pub disputes: Option<DisputesConfig>,
}

/// One report. `seq` numbers the auditor's reports on the release (history order);
/// `counted` says whether it counts in the audit gate now; `voided`: an executed slash made
/// it void (it never counts again; a newer report of the auditor does).
#[cw_serde]
pub struct ReportResponse {
    pub release_id: String,
    pub auditor: Addr,
    pub seq: u64,
    pub status: ReportStatus,
    pub report_uri: String,
    pub report_digest: String,
    pub signature: Option<Binary>,
    pub pubkey: Option<Binary>,
    pub height: u64,
    pub time: Timestamp,
    pub counted: bool,
    pub voided: bool,
}

#[cw_serde]
pub struct ReportsResponse {
    pub reports: Vec<ReportResponse>,
}

/// `audit_gate { release_id }`: passed iff at least one counted positive report and no
/// counted `no_go`; `reports_log` is that release's reports log as it stands.
#[cw_serde]
pub struct AuditGateResponse {
    pub passed: bool,
    pub positive: Vec<Addr>,
    pub blocking: Vec<Addr>,
    pub not_counted: Vec<Addr>,
    pub reports_log: LogHead,
}

#[cw_serde]
pub struct UnbondingClaim {
    pub amount: Uint128,
    pub release_at: Timestamp,
}

/// `locked`: claims are frozen by an open challenge; `active`: an official auditor now
/// (in staked mode, bonded at least `min_bond`).
#[cw_serde]
pub struct StakeResponse {
    pub auditor: Addr,
    pub bonded: Uint128,
    pub unbonding: Vec<UnbondingClaim>,
    pub locked: bool,
    pub active: bool,
}

/// `open` (awaiting governance), `upheld` (slash pending the appeal window, or final after
/// the court upheld it), `appealed` (awaiting the court), `dismissed`, `overturned`,
/// `slashed` (executed).
#[cw_serde]
#[derive(Copy, Eq, Hash)]
pub enum ChallengeStatus {
    Open,
    Upheld,
    Appealed,
    Dismissed,
    Overturned,
    Slashed,
}

impl ChallengeStatus {
    pub const ALL: [ChallengeStatus; 6] = [
        ChallengeStatus::Open,
        ChallengeStatus::Upheld,
        ChallengeStatus::Appealed,
        ChallengeStatus::Dismissed,
        ChallengeStatus::Overturned,
        ChallengeStatus::Slashed,
    ];

    /// As JSON writes it, for event attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeStatus::Open => "open",
            ChallengeStatus::Upheld => "upheld",
            ChallengeStatus::Appealed => "appealed",
            ChallengeStatus::Dismissed => "dismissed",
            ChallengeStatus::Overturned => "overturned",
            ChallengeStatus::Slashed => "slashed",
        }
    }

    /// One byte per status, for the registry's status index.
    pub fn code(self) -> u8 {
        match self {
            ChallengeStatus::Open => 1,
            ChallengeStatus::Upheld => 2,
            ChallengeStatus::Appealed => 3,
            ChallengeStatus::Dismissed => 4,
            ChallengeStatus::Overturned => 5,
            ChallengeStatus::Slashed => 6,
        }
    }

    /// Open, upheld (slash pending) or appealed: the auditor's claims stay locked.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            ChallengeStatus::Open | ChallengeStatus::Upheld | ChallengeStatus::Appealed
        )
    }
}

#[cw_serde]
pub struct ChallengeResponse {
    pub challenge_id: u64,
    pub challenger: Addr,
    pub auditor: Addr,
    pub release_id: String,
    /// The challenged report: its seq in the release's reports log (the auditor's newest
    /// report when the challenge was opened).
    pub report_seq: u64,
    pub evidence_uri: String,
    pub bond: Uint128,
    pub status: ChallengeStatus,
    pub slash_ratio: Option<Decimal>,
    pub resolved_at: Option<Timestamp>,
    /// The appeal window closes at this time (exclusive), once upheld by governance.
    pub appeal_deadline: Option<Timestamp>,
    pub appeal_bond: Option<Uint128>,
    /// The court that rules on the appeal: the one configured when it was filed.
    pub court: Option<Addr>,
    /// The slash may be executed (upheld and past the window, or upheld by the court).
    pub executable: bool,
    /// What `execute_slash` took, once executed.
    pub slashed_amount: Option<Uint128>,
}

#[cw_serde]
pub struct ChallengesResponse {
    pub challenges: Vec<ChallengeResponse>,
}

/// Kinds of the reports log.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum ReportEventKind {
    Report,
    Slashed,
}

/// Data of the reports log. The reporter's registered key, if any, is the event's `pubkey`.
#[cw_serde]
#[serde(untagged)]
#[schemaifier(mute_warnings)]
pub enum ReportEventData {
    Report {
        auditor: Addr,
        status: ReportStatus,
        report_uri: String,
        report_digest: String,
        signature: Option<Binary>,
    },
    /// `voided_report`: the seq of the challenged report, void from this event on (it no
    /// longer counts, as blocking or positive, until the auditor reports again); `null` when
    /// the auditor had already posted a newer report.
    Slashed {
        auditor: Addr,
        challenge_id: u64,
        slash_ratio: Decimal,
        amount: Uint128,
        voided_report: Option<u64>,
    },
}

pub type ReportLogResponse = LogEventsResponse<ReportEventKind, ReportEventData>;

berty_hashlog::stored_as_is!(ReportEventData);

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_string;

    #[test]
    fn attribute_names_are_the_json_names() {
        for status in [
            ReportStatus::Go,
            ReportStatus::GoWithWarnings,
            ReportStatus::NoGo,
        ] {
            let json = to_json_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        let mut codes = vec![];
        for status in ChallengeStatus::ALL {
            let json = to_json_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            codes.push(status.code());
        }
        codes.dedup();
        assert_eq!(codes.len(), ChallengeStatus::ALL.len());
        let pending: Vec<_> = ChallengeStatus::ALL
            .into_iter()
            .filter(|s| s.is_pending())
            .collect();
        assert_eq!(
            pending,
            vec![
                ChallengeStatus::Open,
                ChallengeStatus::Upheld,
                ChallengeStatus::Appealed
            ]
        );
    }
}
