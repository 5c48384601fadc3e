//! A rejected candidate returns to auditing and is submitted again; a decision on a
//! release withdrawn meanwhile is delivered and ignored.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::council_vote::{ProposalStatus, RejectionReason, Vote};
use berty_interface::release::{ReleaseEventKind, ReleaseStatus};
use berty_testing::dao::{artifact, digest_of, Dao};

use crate::bundle::{check, export, release_story};

#[test]
fn a_rejection_and_a_resubmission() {
    let mut dao = Dao::new();
    let id = digest_of("berty-2.2.0.tar.gz");
    dao.propose_release("ctr0", &id, "2.2.0").unwrap();
    dao.report("auditor0", &id, ReportStatus::GoWithWarnings)
        .unwrap();
    let first = dao.submit_for_vote("ctr0", &id).unwrap();
    dao.next_block();
    dao.vote_all(first, Vote::No).unwrap();
    let proposal = dao.proposal(first);
    assert_eq!(proposal.status, ProposalStatus::Rejected);
    assert_eq!(
        proposal.rejection.unwrap().reason,
        RejectionReason::ThresholdNotMet
    );
    dao.close(first).unwrap();
    let release = dao.release_info(&id);
    assert_eq!(release.status, ReleaseStatus::Auditing);
    assert!(!release.decision.unwrap().passed);
    let gates = dao.gates(&id);
    assert!(!gates.council.passed && gates.audit.passed);

    // a further audit, then the second vote passes
    dao.next_block();
    dao.report("auditor1", &id, ReportStatus::Go).unwrap();
    let second = dao.submit_for_vote("ctr1", &id).unwrap();
    assert!(second > first);
    dao.pass_vote(second);
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Approved);
    dao.finalize("ctr0", &id, vec![artifact("berty-2.2.0.apk", "android")])
        .unwrap();

    let bundle = export(&dao, &id);
    use ReleaseEventKind::*;
    assert_eq!(
        release_story(&bundle),
        vec![Proposed, VoteOpened, Decision, VoteOpened, Decision, Finalized]
    );
    assert_eq!(bundle.votes.len(), 2);
    let verified = check(&bundle, &["berty-2.2.0.apk"]).expect("the bundle verifies");
    assert_eq!(verified.votes.len(), 2);
}

#[test]
fn a_decision_on_a_withdrawn_release_is_delivered_and_ignored() {
    let mut dao = Dao::new();
    let (id, proposal_id) = dao.submitted_release("2.3.0");
    dao.next_block();
    dao.withdraw("ctr1", &id, "a crash on start-up").unwrap();
    dao.vote_all(proposal_id, Vote::Yes).unwrap();
    dao.close(proposal_id).unwrap();
    let proposal = dao.proposal(proposal_id);
    assert_eq!(proposal.status, ProposalStatus::Passed);
    assert!(proposal.closed);
    let release = dao.release_info(&id);
    assert_eq!(release.status, ReleaseStatus::Withdrawn);
    assert_eq!(release.decision, None);
    // the registry takes no more reports on it
    assert!(dao.report("auditor1", &id, ReportStatus::Go).is_err());

    let bundle = export(&dao, &id);
    assert_eq!(
        bundle.release_log.last().unwrap().event.kind,
        ReleaseEventKind::Withdrawn
    );
    check(&bundle, &[]).expect("the bundle of a withdrawn release verifies");
}
