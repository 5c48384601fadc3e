use berty_hashlog::LogHead;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::{
    Artifact, ExecuteMsg, ReleaseEventData, ReleaseEventKind, ReleaseStatus,
};
use berty_interface::validate::ValidationError;
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{artifacts, attr, build, digest, rid, Suite};

#[test]
fn an_approved_release_is_finalized_with_its_artifacts() {
    let mut suite = Suite::new();
    let dave = suite.dave.clone();
    let (id, proposal_id) = suite.approved(1);
    suite.next_block();
    let members_log = suite.members_log_head();
    let res = suite.finalize(&dave, &id).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "finalize");
    assert_eq!(attr(&res, "release_id").unwrap(), id);
    assert_eq!(attr(&res, "proposal_id").unwrap(), proposal_id.to_string());
    assert_eq!(attr(&res, "status").unwrap(), "released");
    let release = suite.release(&id);
    assert_eq!(release.status, ReleaseStatus::Released);
    assert_eq!(release.artifacts, artifacts());
    assert_eq!(release.build, Some(build()));
    assert_eq!(release.released_at, Some(suite.app.block_info().time));
    assert_eq!(suite.latest_release().unwrap(), release);
    suite.assert_last_event(
        &id,
        ReleaseEventKind::Finalized,
        &dave,
        ReleaseEventData::Finalized {
            proposal_id,
            artifacts: artifacts(),
            build: build(),
            reports_log: LogHead {
                length: 1,
                head: digest('e'),
            },
            members_log,
        },
    );
    let gates = suite.gates(&id);
    assert!(!gates.finalizable);
    assert_eq!(
        gates.blockers,
        vec!["the release is already released".to_string()]
    );
}

#[test]
fn a_no_go_after_approval_blocks_finalize_until_it_no_longer_counts() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (good, bad) = (suite.addr("good"), suite.addr("bad"));
    let (id, _) = suite.approved(1);
    suite.set_gate(&id, &[&good], &[&bad]);
    let err = suite.finalize(&carol, &id).unwrap_err();
    assert_error(
        err,
        ContractError::GatesNotPassed {
            release_id: id.clone(),
            gates: vec!["audit"],
            blockers: vec![format!("a counted no_go report by {bad}")],
        },
    );
    let gates = suite.gates(&id);
    assert!(!gates.finalizable && !gates.audit.passed);
    assert!(gates.candidate.passed && gates.council.passed);
    assert_eq!(suite.status(&id), ReleaseStatus::Approved);
    // the no_go no longer counts (its auditor was deactivated): finalize goes through
    suite.set_gate(&id, &[&good], &[]);
    assert!(suite.gates(&id).finalizable);
    suite.finalize(&carol, &id).unwrap();
}

#[test]
fn every_failing_gate_is_named() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    suite.propose(&carol, &rid(1)).unwrap();
    suite.set_gate(&rid(1), &[], &[]);
    let err = suite.finalize(&carol, &rid(1)).unwrap_err();
    assert_error(
        err,
        ContractError::GatesNotPassed {
            release_id: rid(1),
            gates: vec!["audit", "council"],
            blockers: vec![
                "no counted positive (go or go_with_warnings) report".into(),
                "not yet approved by the council: submit it for a vote".into(),
            ],
        },
    );
    let auditor = suite.addr("auditor");
    suite.set_gate(&rid(1), &[&auditor], &[]);
    suite.submit(&carol, &rid(1)).unwrap();
    let err = suite.finalize(&carol, &rid(1)).unwrap_err();
    assert_error(err, "failing gates council: council vote 1 is still open");
}

#[test]
fn the_proposer_must_have_been_a_ctr_and_the_finalizer_must_be_one() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    // carol proposes, then loses the role later: she was a CTR, the gate holds
    let (id, _) = suite.approved(1);
    suite.next_block();
    suite.set_role(&carol, None);
    let err = suite.finalize(&carol, &id).unwrap_err();
    assert_error(
        err,
        ContractError::Unauthorized {
            sender: carol.clone(),
            required: "a core team representative",
        },
    );
    suite.finalize(&dave, &id).unwrap();
    // (revoked later in the very block it proposed: see
    // adversarial::a_proposer_revoked_later_in_its_block_was_a_ctr_when_proposing)
}

#[test]
fn refuses_released_withdrawn_and_unknown_releases() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let released = suite.released(1);
    let err = suite.finalize(&carol, &released).unwrap_err();
    assert_error(
        err,
        ContractError::WrongStatus {
            release_id: released,
            status: ReleaseStatus::Released,
            action: "finalize",
            expected: "approved",
        },
    );
    let (approved, _) = suite.approved(2);
    suite.withdraw(&carol, &approved).unwrap();
    assert_error(
        suite.finalize(&carol, &approved).unwrap_err(),
        "is withdrawn: finalize needs approved",
    );
    assert_error(
        suite.finalize(&carol, &rid(9)).unwrap_err(),
        ContractError::ReleaseNotFound { release_id: rid(9) },
    );
}

#[test]
fn refuses_malformed_artifacts_and_builds() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (id, _) = suite.approved(1);
    let with_artifacts = |artifacts: Vec<Artifact>| {
        ExecuteMsg::Finalize(FinalizeMsg {
            release_id: id.clone(),
            artifacts,
            build: build(),
        })
    };
    let mut twice = artifacts();
    twice.push(artifacts()[0].clone());
    let many: Vec<Artifact> = (0..33)
        .map(|i| Artifact {
            digest: format!("{i:064x}"),
            ..artifacts()[0].clone()
        })
        .collect();
    let mut bad_digest = artifacts();
    bad_digest[1].digest = "b".repeat(63);
    let cases = [
        (
            with_artifacts(vec![]),
            ContractError::ArtifactCount { len: 0, max: 32 }.to_string(),
        ),
        (
            with_artifacts(many),
            ContractError::ArtifactCount { len: 33, max: 32 }.to_string(),
        ),
        (
            with_artifacts(twice),
            ContractError::DuplicateArtifact {
                digest: digest('a'),
            }
            .to_string(),
        ),
        (
            with_artifacts(bad_digest),
            ValidationError::InvalidDigest {
                field: "artifact digest",
            }
            .to_string(),
        ),
        (
            ExecuteMsg::Finalize(FinalizeMsg {
                release_id: id.clone(),
                artifacts: artifacts(),
                build: berty_interface::release::BuildInfo {
                    provenance_uri: Some("file:///tmp".into()),
                    ..build()
                },
            }),
            ValidationError::InvalidUri {
                field: "provenance_uri",
            }
            .to_string(),
        ),
    ];
    for (msg, expected) in cases {
        assert_error(suite.execute(&carol, &msg).unwrap_err(), expected);
    }
    assert_eq!(suite.status(&id), ReleaseStatus::Approved);
    assert!(suite.latest_release().is_err());
}
