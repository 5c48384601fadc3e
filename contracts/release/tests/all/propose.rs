use berty_interface::keys::release_status;
use berty_interface::release::ProposeReleaseMsg;
use berty_interface::release::{ExecuteMsg, ReleaseEventData, ReleaseEventKind, ReleaseStatus};
use berty_interface::validate::ValidationError;
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{attr, rid, Suite, APP_NAME};

#[test]
fn a_ctr_proposes_a_candidate() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let res = suite.propose(&carol, &rid(1)).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "propose");
    assert_eq!(attr(&res, "release_id").unwrap(), rid(1));
    assert_eq!(attr(&res, "status").unwrap(), "auditing");

    let release = suite.release(&rid(1));
    assert_eq!(release.release_id, rid(1));
    assert_eq!(release.version, "1.2.3");
    assert_eq!(release.status, ReleaseStatus::Auditing);
    assert_eq!(release.proposer, carol);
    assert_eq!(release.proposal_id, None);
    assert_eq!(release.source_uri, "ipfs://bafysource");
    assert_eq!(release.commit, Some("1".repeat(40)));
    assert_eq!(release.proposed_at, suite.app.block_info().time);
    assert!(release.artifacts.is_empty() && release.publications.is_empty());
    assert_eq!(release.decision, None);

    // the registry reads the status raw
    let raw = release_status(&suite.app.wrap(), &suite.release, &rid(1)).unwrap();
    assert_eq!(raw, Some(ReleaseStatus::Auditing));
    assert_eq!(
        release_status(&suite.app.wrap(), &suite.release, &rid(2)).unwrap(),
        None
    );

    assert_eq!(suite.trail(&rid(1), None, None).events.len(), 1);
    let proposed = ReleaseEventData::Proposed {
        app_name: APP_NAME.into(),
        version: "1.2.3".into(),
        source_uri: "ipfs://bafysource".into(),
        commit: Some("1".repeat(40)),
        notes_uri: None,
    };
    let event = suite.assert_last_event(&rid(1), ReleaseEventKind::Proposed, &carol, proposed);
    assert_eq!(event.pubkey, Some(suite.carol_key.pubkey()));

    // a CTR without a key: the event has none
    let dave = suite.dave.clone();
    suite.propose(&dave, &rid(2)).unwrap();
    assert_eq!(
        suite.trail(&rid(2), None, None).events[0].event.pubkey,
        None
    );
}

#[test]
fn only_ctrs_propose() {
    let mut suite = Suite::new();
    let (alice, zed) = (suite.alice.clone(), suite.zed.clone());
    for sender in [alice, zed] {
        let err = suite.propose(&sender, &rid(1)).unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: sender.clone(),
                required: "a core team representative",
            },
        );
    }
    // a revoked CTR no longer proposes
    let carol = suite.carol.clone();
    suite.set_role(&carol, None);
    assert_error(
        suite.propose(&carol, &rid(1)).unwrap_err(),
        "is not a core team representative",
    );
}

#[test]
fn authorization_comes_before_validation() {
    let mut suite = Suite::new();
    let zed = suite.zed.clone();
    let err = suite
        .execute(&zed, &Suite::propose_msg("not a digest", "nope"))
        .unwrap_err();
    assert_error(err, "Unauthorized");
}

#[test]
fn refuses_malformed_candidates() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let with = |f: &dyn Fn(&mut ExecuteMsg)| {
        let mut msg = Suite::propose_msg(&rid(1), "1.2.3");
        f(&mut msg);
        msg
    };
    let cases: Vec<(ExecuteMsg, String)> = vec![
        (
            Suite::propose_msg(&rid(0xab).to_uppercase(), "1.2.3"),
            ValidationError::InvalidDigest {
                field: "release_id",
            }
            .to_string(),
        ),
        (
            Suite::propose_msg(&rid(1)[1..], "1.2.3"),
            ValidationError::InvalidDigest {
                field: "release_id",
            }
            .to_string(),
        ),
        (
            Suite::propose_msg(&rid(1), "v1.2.3"),
            ContractError::InvalidVersion {
                version: "v1.2.3".into(),
                max: 64,
            }
            .to_string(),
        ),
        (
            with(&|m| {
                if let ExecuteMsg::Propose(ProposeReleaseMsg { source_uri, .. }) = m {
                    *source_uri = "http://example.org".into()
                }
            }),
            ValidationError::InvalidUri {
                field: "source_uri",
            }
            .to_string(),
        ),
        (
            with(&|m| {
                if let ExecuteMsg::Propose(ProposeReleaseMsg { notes_uri, .. }) = m {
                    *notes_uri = Some(String::new())
                }
            }),
            ValidationError::InvalidUri { field: "notes_uri" }.to_string(),
        ),
        (
            with(&|m| {
                if let ExecuteMsg::Propose(ProposeReleaseMsg { commit, .. }) = m {
                    *commit = Some("abc".into())
                }
            }),
            ContractError::InvalidCommit.to_string(),
        ),
    ];
    for (msg, expected) in cases {
        let err = suite.execute(&carol, &msg).unwrap_err();
        assert_error(err, expected);
    }
    // nothing was stored
    assert!(suite.releases(None, None, None).releases.is_empty());
}

#[test]
fn a_release_id_is_proposed_once() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    suite.propose(&carol, &rid(1)).unwrap();
    let err = suite.propose(&dave, &rid(1)).unwrap_err();
    assert_error(err, ContractError::ReleaseExists { release_id: rid(1) });
    // also after withdrawal: the id is the source archive's digest
    suite.withdraw(&carol, &rid(1)).unwrap();
    let err = suite.propose(&carol, &rid(1)).unwrap_err();
    assert_error(err, ContractError::ReleaseExists { release_id: rid(1) });
}
