//! The whole way of one release: proposal, reports (one `no_go` overridden by its own
//! auditor), the council vote, the decision, finalize and an app-store publication, then
//! the offline verification of the exported bundle.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::council_vote::{ProposalStatus, Vote};
use berty_interface::release::{ReleaseEventKind, ReleaseStatus};
use berty_testing::dao::{artifact, digest_of, Dao};

use crate::bundle::{check, export, release_story};

pub const FILES: [&str; 2] = ["berty-2.1.0.apk", "Berty-2.1.0.ipa"];

/// Runs the complete process on a new DAO; returns it and the release id.
pub fn complete_run() -> (Dao, String) {
    let mut dao = Dao::new();
    let id = digest_of("berty-2.1.0.tar.gz");
    dao.propose_release("ctr0", &id, "2.1.0").unwrap();
    dao.next_block();
    dao.report("auditor0", &id, ReportStatus::Go).unwrap();
    dao.report("auditor1", &id, ReportStatus::NoGo).unwrap();
    assert!(!dao.audit_gate(&id).passed);
    assert!(!dao.gates(&id).audit.passed);
    dao.next_block();
    // the auditor's newest report replaces its no_go
    dao.report("auditor1", &id, ReportStatus::GoWithWarnings)
        .unwrap();
    assert!(dao.audit_gate(&id).passed);

    let proposal_id = dao.submit_for_vote("ctr1", &id).unwrap();
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Voting);
    dao.next_block();
    dao.vote_all(proposal_id, Vote::Yes).unwrap();
    assert_eq!(dao.proposal(proposal_id).status, ProposalStatus::Passed);
    dao.close(proposal_id).unwrap();
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Approved);
    assert!(dao.gates(&id).finalizable);

    dao.next_block();
    let artifacts = FILES
        .iter()
        .zip(["android", "ios"])
        .map(|(name, platform)| artifact(name, platform))
        .collect();
    dao.finalize("ctr1", &id, artifacts).unwrap();
    dao.next_block();
    dao.attest("ctr0", &id, "google-play", &digest_of(FILES[0]))
        .unwrap();
    (dao, id)
}

#[test]
fn the_complete_process() {
    let (mut dao, id) = complete_run();
    let release = dao.release_info(&id);
    assert_eq!(release.status, ReleaseStatus::Released);
    assert_eq!(release.version, "2.1.0");
    assert_eq!(release.artifacts.len(), 2);
    assert_eq!(release.publications.len(), 1);
    let decision = release.decision.expect("decision recorded");
    assert!(decision.passed);
    assert_eq!(decision.proposal_id, release.proposal_id.unwrap());
    let proposal = dao.proposal(decision.proposal_id);
    assert_eq!(decision.ballots_head, proposal.ballots_log.head);
    assert_eq!(decision.ballots_count, proposal.ballots_log.length);
    assert_eq!(decision.tally, proposal.tally);

    let gates = dao.gates(&id);
    assert!(!gates.finalizable);
    assert_eq!(
        gates.blockers,
        vec!["the release is already released".to_string()]
    );
    // the registry reads the released status raw: no more reports
    assert!(dao.report("auditor0", &id, ReportStatus::NoGo).is_err());

    let bundle = export(&dao, &id);
    use ReleaseEventKind::*;
    assert_eq!(
        release_story(&bundle),
        vec![Proposed, VoteOpened, Decision, Finalized, Published]
    );
    assert_eq!(bundle.reports_log.len(), 3);
    assert_eq!(bundle.votes.len(), 1);
    let verified = check(&bundle, &FILES).expect("the bundle verifies");
    assert_eq!(verified.release_id, id);
    assert_eq!(verified.status, ReleaseStatus::Released);
    assert_eq!(verified.votes.len(), 1);
    assert_eq!(verified.gates.len(), 2, "at vote_opened and at finalized");
    // the readable account, to ship with the app
    let account = berty_trail_verifier::render(&bundle);
    assert!(
        account.contains(&id) && account.contains("2.1.0"),
        "{account}"
    );
}
