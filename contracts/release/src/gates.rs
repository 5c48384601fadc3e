//! The gates of a release as pure verdicts: the candidate (proposed by a CTR, not
//! withdrawn), the audit (the registry's gate) and the council (an approval recorded).
//! `finalize` and the `gates` query evaluate the same function, so what the query says
//! blocks a release is exactly what `finalize` refuses.

use berty_interface::audit_registry::AuditGateResponse;
use berty_interface::release::{CouncilDecision, GateState, GatesResponse, ReleaseStatus};
use cosmwasm_std::Addr;

/// What the gates depend on, read by the caller.
pub struct GateInputs<'a> {
    pub release_id: &'a str,
    pub status: ReleaseStatus,
    pub proposer: &'a Addr,
    pub proposer_was_ctr: bool,
    pub proposal_id: Option<u64>,
    pub decision: Option<&'a CouncilDecision>,
    pub withdrawn_reason: Option<&'a str>,
    pub audit: &'a AuditGateResponse,
}

fn gate(blockers: Vec<String>) -> GateState {
    GateState {
        passed: blockers.is_empty(),
        blockers,
    }
}

pub fn candidate_gate(inputs: &GateInputs) -> GateState {
    let mut blockers = vec![];
    if !inputs.proposer_was_ctr {
        blockers.push(format!(
            "the proposer {} was not a core team representative when proposing",
            inputs.proposer
        ));
    }
    if inputs.status == ReleaseStatus::Withdrawn {
        blockers.push(format!(
            "the candidate was withdrawn: {}",
            inputs.withdrawn_reason.unwrap_or_default()
        ));
    }
    gate(blockers)
}

pub fn audit_gate(audit: &AuditGateResponse) -> GateState {
    let mut blockers = vec![];
    if audit.positive.is_empty() {
        blockers.push("no counted positive (go or go_with_warnings) report".to_string());
    }
    for auditor in &audit.blocking {
        blockers.push(format!("a counted no_go report by {auditor}"));
    }
    if !audit.passed && blockers.is_empty() {
        blockers.push("the audit registry reports the audit gate closed".to_string());
    }
    gate(blockers)
}

pub fn council_gate(inputs: &GateInputs) -> GateState {
    if inputs.decision.is_some_and(|d| d.passed) {
        return gate(vec![]);
    }
    let vote = inputs
        .proposal_id
        .map(|id| format!("council vote {id}"))
        .unwrap_or_default();
    let blocker = match (inputs.status, inputs.decision) {
        (ReleaseStatus::Voting, _) => format!("{vote} is still open"),
        (_, Some(decision)) => format!(
            "the council rejected it in vote {}; it may be submitted again",
            decision.proposal_id
        ),
        (_, None) => "not yet approved by the council: submit it for a vote".to_string(),
    };
    gate(vec![blocker])
}

/// Each gate's verdict now; `finalizable` only for an approved release whose gates all hold.
pub fn evaluate(inputs: &GateInputs) -> GatesResponse {
    let candidate = candidate_gate(inputs);
    let audit = audit_gate(inputs.audit);
    let council = council_gate(inputs);
    let mut blockers = vec![];
    if inputs.status == ReleaseStatus::Released {
        blockers.push("the release is already released".to_string());
    }
    for state in [&candidate, &audit, &council] {
        blockers.extend(state.blockers.iter().cloned());
    }
    GatesResponse {
        release_id: inputs.release_id.to_string(),
        status: inputs.status,
        finalizable: inputs.status == ReleaseStatus::Approved && blockers.is_empty(),
        candidate,
        audit,
        council,
        blockers,
    }
}

/// The names of the gates that do not hold, in order.
pub fn failing(gates: &GatesResponse) -> Vec<&'static str> {
    [
        ("candidate", &gates.candidate),
        ("audit", &gates.audit),
        ("council", &gates.council),
    ]
    .into_iter()
    .filter(|(_, state)| !state.passed)
    .map(|(name, _)| name)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use berty_hashlog::LogHead;
    use berty_interface::council_vote::Tally;

    fn audit(positive: &[&str], blocking: &[&str]) -> AuditGateResponse {
        AuditGateResponse {
            passed: !positive.is_empty() && blocking.is_empty(),
            positive: positive.iter().map(|a| Addr::unchecked(*a)).collect(),
            blocking: blocking.iter().map(|a| Addr::unchecked(*a)).collect(),
            not_counted: vec![],
            reports_log: LogHead {
                length: 0,
                head: String::new(),
            },
        }
    }

    fn decision(passed: bool) -> CouncilDecision {
        CouncilDecision {
            proposal_id: 4,
            passed,
            tally: Tally::default(),
            rules: None,
            ballots_head: "0".repeat(64),
            ballots_count: 0,
        }
    }

    struct Case {
        status: ReleaseStatus,
        proposer_was_ctr: bool,
        decision: Option<bool>,
        positive: &'static [&'static str],
        blocking: &'static [&'static str],
        failing: &'static [&'static str],
        finalizable: bool,
        blocker: &'static str,
    }

    #[test]
    fn gate_table() {
        use ReleaseStatus::*;
        let cases = [
            Case {
                status: Approved,
                proposer_was_ctr: true,
                decision: Some(true),
                positive: &["a1"],
                blocking: &[],
                failing: &[],
                finalizable: true,
                blocker: "",
            },
            Case {
                status: Approved,
                proposer_was_ctr: true,
                decision: Some(true),
                positive: &["a1"],
                blocking: &["a2"],
                failing: &["audit"],
                finalizable: false,
                blocker: "a counted no_go report by a2",
            },
            Case {
                status: Approved,
                proposer_was_ctr: true,
                decision: Some(true),
                positive: &[],
                blocking: &[],
                failing: &["audit"],
                finalizable: false,
                blocker: "no counted positive",
            },
            Case {
                status: Approved,
                proposer_was_ctr: false,
                decision: Some(true),
                positive: &["a1"],
                blocking: &[],
                failing: &["candidate"],
                finalizable: false,
                blocker: "the proposer p was not a core team representative",
            },
            Case {
                status: Auditing,
                proposer_was_ctr: true,
                decision: None,
                positive: &["a1"],
                blocking: &[],
                failing: &["council"],
                finalizable: false,
                blocker: "not yet approved by the council",
            },
            Case {
                status: Auditing,
                proposer_was_ctr: true,
                decision: Some(false),
                positive: &[],
                blocking: &["a2"],
                failing: &["audit", "council"],
                finalizable: false,
                blocker: "the council rejected it in vote 4",
            },
            Case {
                status: Voting,
                proposer_was_ctr: true,
                decision: None,
                positive: &["a1"],
                blocking: &[],
                failing: &["council"],
                finalizable: false,
                blocker: "council vote 4 is still open",
            },
            Case {
                status: Withdrawn,
                proposer_was_ctr: true,
                decision: Some(true),
                positive: &["a1"],
                blocking: &[],
                failing: &["candidate"],
                finalizable: false,
                blocker: "the candidate was withdrawn: bug",
            },
            Case {
                status: Released,
                proposer_was_ctr: true,
                decision: Some(true),
                positive: &["a1"],
                blocking: &[],
                failing: &[],
                finalizable: false,
                blocker: "already released",
            },
        ];
        let proposer = Addr::unchecked("p");
        for (i, case) in cases.iter().enumerate() {
            let audit = audit(case.positive, case.blocking);
            let decision = case.decision.map(decision);
            let gates = evaluate(&GateInputs {
                release_id: "r",
                status: case.status,
                proposer: &proposer,
                proposer_was_ctr: case.proposer_was_ctr,
                proposal_id: Some(4),
                decision: decision.as_ref(),
                withdrawn_reason: Some("bug"),
                audit: &audit,
            });
            assert_eq!(failing(&gates), case.failing, "case {i}");
            assert_eq!(gates.finalizable, case.finalizable, "case {i}");
            assert_eq!(
                gates.blockers.is_empty(),
                case.blocker.is_empty(),
                "case {i}: {:?}",
                gates.blockers
            );
            assert!(
                case.blocker.is_empty() || gates.blockers.iter().any(|b| b.contains(case.blocker)),
                "case {i}: {:?}",
                gates.blockers
            );
            for state in [&gates.candidate, &gates.audit, &gates.council] {
                assert_eq!(state.passed, state.blockers.is_empty(), "case {i}");
            }
        }
    }

    #[test]
    fn a_closed_registry_gate_without_reasons_still_blocks() {
        let mut closed = audit(&["a1"], &[]);
        closed.passed = false;
        let state = audit_gate(&closed);
        assert!(!state.passed);
        assert_eq!(state.blockers.len(), 1);
    }
}
