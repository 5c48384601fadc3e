//! Slashed reports are void (SPEC 4.2): from the `slashed` event that names it, a report no
//! longer counts, as blocking or positive, until its auditor posts a newer one; a bond
//! top-up that gives the role back does not revive it; and a `slashed` event can only void
//! the auditor's newest report. Forged bundles, every hash and commitment recomputed.

use berty_hashlog::sha256;
use berty_interface::audit_registry::{ReportEventData, ReportStatus};
use berty_interface::membership::{MemberEventData, MemberEventKind};
use berty_interface::Role;
use berty_trail_verifier::reports::{CountedReport, GateView};
use berty_trail_verifier::{render, verify, Bundle, LogId, Problem, VerifyError};
use cosmwasm_std::{Addr, Decimal, Uint128};

use crate::fixture::{bundle, insert_members_event, insert_report_event, recommit, story, Variant};

/// Release log seqs of the standard story.
const VOTE_OPENED_1: u64 = 1;
const VOTE_OPENED_2: u64 = 3;

fn slashed(auditor: &Addr, voided_report: Option<u64>) -> ReportEventData {
    ReportEventData::Slashed {
        auditor: auditor.clone(),
        challenge_id: 1,
        slash_ratio: Decimal::percent(50),
        amount: Uint128::new(500),
        voided_report,
    }
}

fn report(auditor: &Addr, status: ReportStatus, height: u64) -> ReportEventData {
    let uri = format!("ipfs://report-{height}");
    ReportEventData::Report {
        auditor: auditor.clone(),
        status,
        report_digest: hex::encode(sha256(uri.as_bytes())),
        report_uri: uri,
        signature: None,
    }
}

/// Sets the `voided_report` of the reports log's `slashed` event at `seq`.
fn set_voided(bundle: &mut Bundle, seq: usize, voided: Option<u64>) {
    match &mut bundle.reports_log[seq].event.data {
        ReportEventData::Slashed { voided_report, .. } => *voided_report = voided,
        other => panic!("not a slash: {other:?}"),
    }
}

fn refused(bundle: &Bundle) -> String {
    verify(bundle, &[])
        .expect_err("the bundle must be refused")
        .to_string()
}

/// The report by `auditor` that `gate` weighed.
fn weighed<'a>(gate: &'a GateView, auditor: &Addr) -> &'a CountedReport {
    let found = gate.reports.iter().find(|r| r.auditor == *auditor);
    found.expect("the auditor's report at the gate")
}

/// What the verifier says when the audit gate of the vote opened at release log `seq`
/// fails with `positive` counted positive reports and `no_go` as the counted no_go.
fn gate_failed(seq: u64, positive: usize, no_go: &str) -> String {
    format!("release log, seq {seq}: the audit gate did not hold at vote_opened: {positive} counted positive reports, counted no_go from [{no_go}]")
}

/// `b` with its slash (reports seq 2) voiding nothing: what a verifier that ignored the
/// void would see. The no_go must then block the vote opened at release log `seq`.
#[track_caller]
fn assert_void_matters(b: &Bundle, seq: u64, no_go: &Addr) {
    let mut ignored = b.clone();
    set_voided(&mut ignored, 2, None);
    recommit(&mut ignored);
    assert_eq!(refused(&ignored), gate_failed(seq, 1, no_go.as_str()));
}

/// Whoever sent `execute_slash` (anyone may, once the slash is final).
fn executor() -> Addr {
    story(Variant::Standard).people.outsider.addr
}

/// The `no_go` auditor keeps its role; its `no_go` (reports seq 1, block 22) is slashed in
/// block 23, before the first vote opens.
fn slashed_no_go() -> Bundle {
    let mut b = bundle(Variant::NoGoStillCounted);
    let no_go = story(Variant::Standard).people.no_go_auditor.addr;
    insert_report_event(&mut b, 2, 23, &executor(), slashed(&no_go, Some(1)));
    recommit(&mut b);
    b
}

#[test]
fn a_slashed_no_go_no_longer_blocks_the_gate() {
    let s = story(Variant::Standard);
    let no_go = &s.people.no_go_auditor.addr;
    let b = slashed_no_go();
    let verified = verify(&b, &[]).unwrap();
    // at every gate the auditor still holds its role, and its no_go does not count
    assert_eq!(verified.gates.len(), 3);
    for gate in &verified.gates {
        let r = weighed(&gate.gate, no_go);
        assert_eq!((r.seq, r.status), (1, ReportStatus::NoGo));
        assert!(r.voided && !r.counted, "{r:?}");
        assert!(gate.gate.passed);
    }
    let text = render(&b);
    for expected in [
        format!("[2] block 23: {no_go} slashed 500 (ratio 0.5) on challenge 1; report [1] void from here on\n"),
        format!("    {no_go} no_go (report seq 1): not counted (voided by a slash)\n"),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from:\n{text}");
    }

    // the same slash without the void (a verifier that ignored it): the no_go blocks
    assert_void_matters(&b, VOTE_OPENED_1, no_go);
}

#[test]
fn a_bond_top_up_does_not_revive_a_slashed_report() {
    // The slash of block 23 takes the no_go auditor's bond below min_bond, and the registry
    // revokes its role (members seq 14); in block 27 it bonds again and the registry grants
    // the role back (members seq 15), before the second vote opens in block 28. Its report
    // is still the slashed no_go: void, it must not count.
    let s = story(Variant::Standard);
    let no_go = &s.people.no_go_auditor.addr;
    let registry = &s.contracts.audit_registry;
    let mut b = bundle(Variant::Standard);
    insert_report_event(&mut b, 2, 23, &executor(), slashed(no_go, Some(1)));
    b.members_log[14].event.actor = registry.clone();
    let grant = MemberEventData::Role {
        addr: no_go.clone(),
        role: Role::Auditor,
    };
    insert_members_event(&mut b, 15, 27, registry, MemberEventKind::Granted, grant);
    recommit(&mut b);
    let verified = verify(&b, &[]).unwrap();
    // the second vote's commitment holds the grant: the auditor is one again
    assert_eq!(verified.gates[1].members_log.length, 16);
    for gate in &verified.gates[1..] {
        let r = weighed(&gate.gate, no_go);
        assert_eq!((r.seq, r.status), (1, ReportStatus::NoGo));
        assert!(r.voided && !r.counted, "{r:?}");
    }
    assert!(render(&b).contains(&format!(
        "    {no_go} no_go (report seq 1): not counted (voided by a slash)\n"
    )));

    // were the void ignored, the top-up would have revived the no_go
    assert_void_matters(&b, VOTE_OPENED_2, no_go);
}

#[test]
fn a_slash_can_void_only_the_auditors_newest_report() {
    // the positive auditor's reports are seqs 0 (block 21) and 2 (block 27); a slash in
    // block 27, after both, goes in at seq 3
    let s = story(Variant::Standard);
    let auditor = &s.people.auditor.addr;
    let forged = |voided: u64| {
        let mut b = bundle(Variant::Standard);
        insert_report_event(&mut b, 3, 27, &executor(), slashed(auditor, Some(voided)));
        recommit(&mut b);
        b
    };
    // voiding its newest report (2) is what the registry does: that leaves no positive
    // report at the second vote
    assert_eq!(refused(&forged(2)), gate_failed(VOTE_OPENED_2, 0, ""));
    // its older report, another auditor's report, the slash itself, a seq past the log
    for voided in [0, 1, 3, 4] {
        let b = forged(voided);
        assert_eq!(
            verify(&b, &[]).unwrap_err(),
            VerifyError::Event {
                log: LogId::Reports,
                seq: 3,
                problem: Problem::SlashVoidsWrongReport {
                    auditor: auditor.clone(),
                    report: voided,
                },
            }
        );
        assert_eq!(
            refused(&b),
            format!("reports log, seq 3: the slash voids report {voided}, which is not {auditor}'s newest report before it")
        );
    }
}

#[test]
fn a_slash_that_voids_nothing_leaves_the_newer_report_counting() {
    // the challenged report (seq 0) was replaced by seq 2 before the slash: the slash voids
    // nothing (voided_report null) and the newer report counts
    let s = story(Variant::Standard);
    let auditor = &s.people.auditor.addr;
    let mut b = bundle(Variant::Standard);
    insert_report_event(&mut b, 3, 27, &executor(), slashed(auditor, None));
    recommit(&mut b);
    let verified = verify(&b, &[]).unwrap();
    let r = weighed(&verified.gates[1].gate, auditor);
    assert_eq!((r.seq, r.counted, r.voided), (2, true, false));
    assert!(render(&b).contains(&format!(
        "[3] block 27: {auditor} slashed 500 (ratio 0.5) on challenge 1; no report voided (a newer one had replaced the challenged one)\n"
    )));
}

#[test]
fn a_newer_report_after_the_slash_counts_again() {
    // the no_go of seq 1 is slashed in block 23 (seq 2); in block 27 its auditor reports
    // again (seq 4, after the positive auditor's seq 3)
    let no_go = story(Variant::Standard).people.no_go_auditor.addr;
    let with_new_report = |status| {
        let mut b = slashed_no_go();
        insert_report_event(&mut b, 4, 27, &no_go, report(&no_go, status, 27));
        recommit(&mut b);
        b
    };
    // a new no_go blocks the second vote
    assert_eq!(
        refused(&with_new_report(ReportStatus::NoGo)),
        gate_failed(VOTE_OPENED_2, 1, no_go.as_str())
    );
    // a new go counts as positive
    let b = with_new_report(ReportStatus::Go);
    let verified = verify(&b, &[]).unwrap();
    let gate = &verified.gates[1].gate;
    let r = weighed(gate, &no_go);
    assert_eq!(
        (r.seq, r.status, r.counted, r.voided),
        (4, ReportStatus::Go, true, false)
    );
    assert_eq!(gate.positive().count(), 2);
    // the first vote's gate saw only the void no_go
    let first = &verified.gates[0].gate;
    let r = weighed(first, &no_go);
    assert_eq!((r.seq, r.voided), (1, true));
}
