//! The reports log: each report by an auditor of its block, with its registered key and a
//! valid signature when signed; and the audit gate at any moment, re-derived from a prefix
//! of the reports log and the members state of that moment.

use std::collections::BTreeMap;

use berty_interface::audit_registry::{ReportEventData, ReportEventKind, ReportStatus};
use berty_interface::signing::ReportSigningPayload;
use berty_interface::Role;
use cosmwasm_std::{Addr, Binary};

use crate::bundle::{Bundle, ReportLogEntry};
use crate::error::{LogId, Problem, VerifyError};
use crate::keys::{check_digest, check_key_of, check_signed};
use crate::members::{MembersReplay, Prefix};

/// Whether an event's kind is its data's.
pub fn kind_matches(kind: &ReportEventKind, data: &ReportEventData) -> bool {
    matches!(
        (kind, data),
        (ReportEventKind::Report, ReportEventData::Report { .. })
            | (ReportEventKind::Slashed, ReportEventData::Slashed { .. })
    )
}

/// Checks that a key an event carries is the actor's, and registered for it by the end of
/// the event's block.
pub fn check_registered_key(
    what: &'static str,
    replay: &MembersReplay,
    addr: &Addr,
    key: &Binary,
    height: u64,
) -> Result<(), Problem> {
    check_key_of(addr, key)?;
    match replay.key_at(addr, replay.at_block_end(height)) {
        Some(registered) if registered == key => Ok(()),
        registered => Err(Problem::KeyNotRegistered {
            what,
            addr: addr.clone(),
            found: key.to_base64(),
            registered: registered.map_or_else(|| "none".to_string(), Binary::to_base64),
        }),
    }
}

/// Checks that an event without a key is of an actor that had registered none before the
/// event's block (the contracts log the sender's registered key with each act; a key
/// registered within the block may or may not have come first).
pub fn check_key_logged(
    what: &'static str,
    replay: &MembersReplay,
    addr: &Addr,
    key: Option<&Binary>,
    height: u64,
) -> Result<(), Problem> {
    match (key, replay.key_at(addr, replay.at_block_start(height))) {
        (None, Some(registered)) => Err(Problem::KeyNotLogged {
            what,
            addr: addr.clone(),
            registered: registered.to_base64(),
        }),
        _ => Ok(()),
    }
}

/// Checks each report: sent by the auditor it names, an auditor during its block, with its
/// registered key, and signed by that key when it carries a signature. Returns how many
/// signatures were checked.
pub fn check_reports(bundle: &Bundle, replay: &MembersReplay) -> Result<usize, VerifyError> {
    let mut signatures = 0;
    for entry in &bundle.reports_log {
        let event = &entry.event;
        let fail = |problem| VerifyError::Event {
            log: LogId::Reports,
            seq: event.seq,
            problem,
        };
        let (auditor, status, report_uri, report_digest, signature) = match &event.data {
            ReportEventData::Report {
                auditor,
                status,
                report_uri,
                report_digest,
                signature,
            } => (auditor, status, report_uri, report_digest, signature),
            ReportEventData::Slashed {
                auditor,
                voided_report: Some(voided),
                ..
            } => {
                // the registry voids the challenged report only while it is the auditor's
                // newest: a slash naming another one is not the registry's
                if newest_report_before(&bundle.reports_log, auditor, event.seq) != Some(*voided) {
                    return Err(fail(Problem::SlashVoidsWrongReport {
                        auditor: auditor.clone(),
                        report: *voided,
                    }));
                }
                continue;
            }
            ReportEventData::Slashed { .. } => continue,
        };
        if event.actor != *auditor {
            return Err(fail(Problem::WrongActor {
                what: "report",
                expected: auditor.clone(),
                found: event.actor.clone(),
            }));
        }
        check_digest("report_digest", report_digest).map_err(fail)?;
        if !replay.held_during_block(auditor, Role::Auditor, event.height) {
            return Err(fail(Problem::RoleNotHeld {
                what: "report",
                addr: auditor.clone(),
                role: Role::Auditor.to_string(),
                when: format!("in block {}", event.height),
            }));
        }
        if let Some(key) = &event.pubkey {
            check_registered_key("report", replay, auditor, key, event.height).map_err(fail)?;
        }
        if let Some(signature) = signature {
            let key = event
                .pubkey
                .as_ref()
                .ok_or(fail(Problem::SignatureWithoutKey { what: "report" }))?;
            let payload = ReportSigningPayload {
                chain_id: bundle.chain_id.clone(),
                contract: bundle.contracts.audit_registry.to_string(),
                release_id: bundle.release_id.clone(),
                status: *status,
                report_uri: report_uri.clone(),
                report_digest: report_digest.clone(),
            };
            check_signed("report", &payload, signature, key).map_err(fail)?;
            signatures += 1;
        }
        check_key_logged(
            "report",
            replay,
            auditor,
            event.pubkey.as_ref(),
            event.height,
        )
        .map_err(fail)?;
    }
    Ok(signatures)
}

/// The seq of `auditor`'s newest report among the events before `seq`.
fn newest_report_before(log: &[ReportLogEntry], auditor: &Addr, seq: u64) -> Option<u64> {
    log.iter()
        .take_while(|entry| entry.event.seq < seq)
        .filter(|entry| {
            matches!(&entry.event.data, ReportEventData::Report { auditor: a, .. } if a == auditor)
        })
        .map(|entry| entry.event.seq)
        .last()
}

/// An auditor's newest report at some moment, and whether it counted then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedReport {
    pub auditor: Addr,
    /// Seq of the report in the reports log.
    pub seq: u64,
    pub status: ReportStatus,
    pub counted: bool,
    /// An executed slash voided it (it never counts again).
    pub voided: bool,
}

/// The audit gate at a moment: passed iff a counted positive report and no counted `no_go`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateView {
    /// Newest report per auditor, by auditor address.
    pub reports: Vec<CountedReport>,
    pub passed: bool,
}

impl GateView {
    pub fn positive(&self) -> impl Iterator<Item = &CountedReport> {
        self.reports
            .iter()
            .filter(|r| r.counted && r.status.is_positive())
    }

    pub fn blocking(&self) -> impl Iterator<Item = &CountedReport> {
        self.reports
            .iter()
            .filter(|r| r.counted && r.status == ReportStatus::NoGo)
    }

    pub fn failure(&self, when: &'static str) -> Problem {
        Problem::AuditGateFailed {
            when,
            positive: self.positive().count(),
            blocking: self
                .blocking()
                .map(|r| r.auditor.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// The gate after the first `reports` events of the reports log, with roles after the
/// first `members` events of the members log: a report counts while its auditor holds
/// the auditor role, unless a `slashed` event voided it (until the auditor reports again).
pub fn audit_gate(
    log: &[ReportLogEntry],
    reports: u64,
    replay: &MembersReplay,
    members: Prefix,
) -> GateView {
    // newest report per auditor: (seq, status, voided)
    let mut newest: BTreeMap<&Addr, (u64, ReportStatus, bool)> = BTreeMap::new();
    for entry in log
        .iter()
        .take(usize::try_from(reports).unwrap_or(usize::MAX))
    {
        match &entry.event.data {
            ReportEventData::Report {
                auditor, status, ..
            } => {
                newest.insert(auditor, (entry.event.seq, *status, false));
            }
            ReportEventData::Slashed {
                auditor,
                voided_report: Some(voided),
                ..
            } => {
                if let Some(report) = newest.get_mut(auditor).filter(|r| r.0 == *voided) {
                    report.2 = true;
                }
            }
            ReportEventData::Slashed { .. } => {}
        }
    }
    let reports: Vec<CountedReport> = newest
        .into_iter()
        .map(|(auditor, (seq, status, voided))| CountedReport {
            auditor: auditor.clone(),
            seq,
            status,
            counted: !voided && replay.role_at(auditor, members) == Some(Role::Auditor),
            voided,
        })
        .collect();
    let view = GateView {
        reports,
        passed: false,
    };
    let passed = view.positive().next().is_some() && view.blocking().next().is_none();
    GateView { passed, ..view }
}
