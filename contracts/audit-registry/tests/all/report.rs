use berty_audit_registry::ContractError;
use berty_interface::audit_registry::SubmitReportMsg;
use berty_interface::audit_registry::{
    ExecuteMsg, QueryMsg, ReportEventData, ReportEventKind, ReportStatus,
};
use berty_interface::release::ReleaseStatus;
use berty_interface::validate::ValidationError;
use berty_interface::Role;
use berty_testing::registry::{
    attribute, contracts_run, digest, release_id, RegistrySuite, DENOM, MIN_BOND,
};
use berty_testing::{assert_error, TestKey};
use cosmwasm_std::{coin, Binary, Uint128};
use cw_utils::PaymentError;

fn whitelist() -> RegistrySuite {
    RegistrySuite::whitelist()
        .with_member("audra", Role::Auditor)
        .with_member("abel", Role::Auditor)
        .with_member("carl", Role::CoreTeamRep)
        .build()
}

#[test]
fn a_report_runs_only_the_registry_and_is_logged() {
    let mut suite = whitelist();
    let audra = suite.addr("audra");
    let rc = suite.candidate("rc1");
    let res = suite.submit_report(&audra, &rc, ReportStatus::Go).unwrap();
    // raw reads of membership and release: no call into their instances
    assert_eq!(contracts_run(&res), vec![suite.contract.clone()]);
    assert_eq!(attribute(&res, "action").as_deref(), Some("submit_report"));
    assert_eq!(attribute(&res, "release_id").as_deref(), Some(rc.as_str()));
    assert_eq!(attribute(&res, "auditor").as_deref(), Some(audra.as_str()));
    assert_eq!(attribute(&res, "status").as_deref(), Some("go"));

    let report = suite.report(&rc, &audra).unwrap();
    assert_eq!(
        (report.seq, report.status, report.counted),
        (0, ReportStatus::Go, true)
    );
    assert_eq!(report.report_digest, digest(&rc));
    assert_eq!((report.signature, report.pubkey), (None, None));

    let log = suite.report_log(&rc, None, None);
    assert_eq!(log.events.len(), 1);
    let event = &log.events[0].event;
    assert_eq!(
        (event.seq, &event.actor, event.kind),
        (0, &audra, ReportEventKind::Report)
    );
    assert_eq!(
        event.data,
        ReportEventData::Report {
            auditor: audra.clone(),
            status: ReportStatus::Go,
            report_uri: report.report_uri.clone(),
            report_digest: digest(&rc),
            signature: None,
        }
    );
    let head = suite.report_log_head(&rc);
    assert_eq!((head.length, &head.head), (1, &log.events[0].hash));
    assert_eq!(suite.gate(&rc).reports_log, head);
    // the hash is sha256(hash_0 ++ canonical json of the event)
    let chain_id = suite.app.block_info().chain_id;
    let hash_0 = berty_hashlog::genesis_hash("reports", &chain_id, suite.contract.as_str(), &rc);
    let json = cosmwasm_std::to_json_vec(event).unwrap();
    let hash_1 = berty_hashlog::chain_hash(&hash_0, &json);
    assert_eq!(berty_hashlog::hash::to_hex(&hash_1), head.head);
    let empty = suite.report_log_head(&release_id("nothing"));
    assert_eq!(empty.length, 0);
}

#[test]
fn the_newest_report_replaces_the_older_and_history_keeps_all() {
    let mut suite = whitelist();
    let (audra, abel) = (suite.addr("audra"), suite.addr("abel"));
    let rc = suite.candidate("rc1");
    suite
        .submit_report(&audra, &rc, ReportStatus::NoGo)
        .unwrap();
    suite.advance(5);
    suite
        .submit_report(&audra, &rc, ReportStatus::GoWithWarnings)
        .unwrap();
    suite.submit_report(&abel, &rc, ReportStatus::Go).unwrap();
    let report = suite.report(&rc, &audra).unwrap();
    assert_eq!(
        (report.seq, report.status),
        (1, ReportStatus::GoWithWarnings)
    );
    let history = suite.history(&rc, &audra, None, None).unwrap().reports;
    let statuses: Vec<_> = history
        .iter()
        .map(|r| (r.seq, r.status, r.counted))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (0, ReportStatus::NoGo, false),
            (1, ReportStatus::GoWithWarnings, true)
        ]
    );
    let page = suite
        .history(&rc, &audra, Some(0), Some(1))
        .unwrap()
        .reports;
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].seq, 1);
    // newest per auditor, by address, paged
    let all = suite.reports(&rc, None, None).reports;
    let mut expected = vec![audra.clone(), abel.clone()];
    expected.sort();
    assert_eq!(
        all.iter().map(|r| r.auditor.clone()).collect::<Vec<_>>(),
        expected
    );
    let second = suite.reports(&rc, Some(&expected[0]), Some(1)).reports;
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].auditor, expected[1]);
    assert_eq!(suite.report_log_head(&rc).length, 3);
    let log = suite.report_log(&rc, Some(0), Some(1));
    assert_eq!(log.events.len(), 1);
    assert_eq!(log.events[0].event.seq, 1);
}

#[test]
fn only_active_auditors_report() {
    let mut suite = whitelist();
    let (carl, zed) = (suite.addr("carl"), suite.addr("zed"));
    let rc = suite.candidate("rc1");
    for sender in [&carl, &zed] {
        assert_error(
            suite
                .submit_report(sender, &rc, ReportStatus::Go)
                .unwrap_err(),
            ContractError::Unauthorized {
                sender: sender.clone(),
                required: "an active auditor",
            },
        );
    }
    // staked mode: the auditor role without min_bond is not enough
    let mut suite = RegistrySuite::staked()
        .with_member("granted", Role::Auditor)
        .build();
    let granted = suite.addr("granted");
    let rc = suite.candidate("rc1");
    assert_error(
        suite
            .submit_report(&granted, &rc, ReportStatus::Go)
            .unwrap_err(),
        ContractError::BondBelowMinimum {
            auditor: granted.clone(),
            bonded: Uint128::zero(),
            min_bond: Uint128::new(MIN_BOND),
        },
    );
    suite.bond(&granted, MIN_BOND).unwrap();
    suite
        .submit_report(&granted, &rc, ReportStatus::Go)
        .unwrap();
}

#[test]
fn reports_only_on_open_candidates() {
    let mut suite = whitelist();
    let audra = suite.addr("audra");
    let unknown = release_id("unknown");
    assert_error(
        suite
            .submit_report(&audra, &unknown, ReportStatus::Go)
            .unwrap_err(),
        ContractError::UnknownRelease {
            release_id: unknown,
        },
    );
    for status in [ReleaseStatus::Voting, ReleaseStatus::Approved] {
        let rc = release_id(&format!("{status:?}"));
        suite.set_release_status(&rc, status);
        suite.submit_report(&audra, &rc, ReportStatus::Go).unwrap();
    }
    for status in [ReleaseStatus::Withdrawn, ReleaseStatus::Released] {
        let rc = release_id(&format!("{status:?}"));
        suite.set_release_status(&rc, status);
        assert_error(
            suite
                .submit_report(&audra, &rc, ReportStatus::Go)
                .unwrap_err(),
            ContractError::ReleaseClosed {
                release_id: rc.clone(),
                status,
            },
        );
    }
}

#[test]
fn report_fields_are_validated_after_authorization() {
    let mut suite = whitelist();
    let (audra, zed) = (suite.addr("audra"), suite.addr("zed"));
    let rc = suite.candidate("rc1");
    let with = |f: &dyn Fn(&mut ExecuteMsg)| {
        let mut msg = RegistrySuite::report_msg(&rc, ReportStatus::Go, None);
        f(&mut msg);
        msg
    };
    let bad_id = with(&|m| {
        if let ExecuteMsg::SubmitReport(SubmitReportMsg { release_id, .. }) = m {
            *release_id = "RC1".into()
        }
    });
    let bad_uri = with(&|m| {
        if let ExecuteMsg::SubmitReport(SubmitReportMsg { report_uri, .. }) = m {
            *report_uri = "http://x".into()
        }
    });
    let bad_digest = with(&|m| {
        if let ExecuteMsg::SubmitReport(SubmitReportMsg { report_digest, .. }) = m {
            *report_digest = "00".into()
        }
    });
    // an outsider is unauthorized whatever the fields
    assert_error(
        suite.execute_err(&zed, &bad_id, &[]),
        ContractError::Unauthorized {
            sender: zed.clone(),
            required: "an active auditor",
        },
    );
    let cases = [
        (
            bad_id,
            ValidationError::InvalidDigest {
                field: "release_id",
            },
        ),
        (
            bad_uri,
            ValidationError::InvalidUri {
                field: "report_uri",
            },
        ),
        (
            bad_digest,
            ValidationError::InvalidDigest {
                field: "report_digest",
            },
        ),
    ];
    for (msg, expected) in cases {
        assert_error(suite.execute_err(&audra, &msg, &[]), expected);
    }
    suite.fund(&audra, 1);
    let msg = RegistrySuite::report_msg(&rc, ReportStatus::Go, None);
    assert_error(
        suite.execute_err(&audra, &msg, &[coin(1, DENOM)]),
        PaymentError::NonPayable {},
    );
}

#[test]
fn signatures_are_verified_against_the_registered_key() {
    let mut suite = whitelist();
    let key = TestKey::from_seed("signing auditor");
    let auditor = key.addr(suite.app.api());
    suite.set_members(&[(&auditor, Role::Auditor)], &[]);
    let rc = suite.candidate("rc1");
    let signature = suite.sign_report(&key, &rc, ReportStatus::Go);
    let signed = RegistrySuite::report_msg(&rc, ReportStatus::Go, Some(signature.clone()));
    assert_error(
        suite.execute_err(&auditor, &signed, &[]),
        ContractError::SignatureWithoutPubkey {
            auditor: auditor.clone(),
        },
    );
    suite.register_pubkey(&key).unwrap();
    // a signature of another status, another key, or garbage
    let other = TestKey::from_seed("someone else");
    for bad in [
        suite.sign_report(&key, &rc, ReportStatus::NoGo),
        suite.sign_report(&other, &rc, ReportStatus::Go),
        Binary::from(vec![1u8; 10]),
    ] {
        let msg = RegistrySuite::report_msg(&rc, ReportStatus::Go, Some(bad));
        assert_error(
            suite.execute_err(&auditor, &msg, &[]),
            ContractError::InvalidSignature {
                auditor: auditor.clone(),
            },
        );
    }
    suite.execute(&auditor, &signed, &[]).unwrap();
    let report = suite.report(&rc, &auditor).unwrap();
    assert_eq!(report.signature, Some(signature.clone()));
    assert_eq!(report.pubkey, Some(key.pubkey()));
    let event = &suite.report_log(&rc, None, None).events[0].event;
    assert_eq!(event.pubkey, Some(key.pubkey()));
    assert!(
        matches!(&event.data, ReportEventData::Report { signature: Some(s), .. } if *s == signature)
    );
    // an unsigned report of a keyed auditor still carries its key
    suite
        .submit_report(&auditor, &rc, ReportStatus::NoGo)
        .unwrap();
    assert_eq!(
        suite.report(&rc, &auditor).unwrap().pubkey,
        Some(key.pubkey())
    );
}

#[test]
fn missing_reports_are_errors_that_name_them() {
    let suite = whitelist();
    let audra = suite.addr("audra");
    let rc = release_id("rc1");
    let expected = ContractError::ReportNotFound {
        release_id: rc.clone(),
        auditor: audra.clone(),
    };
    assert_error(suite.report(&rc, &audra).unwrap_err(), &expected);
    assert_error(
        suite.history(&rc, &audra, None, None).unwrap_err(),
        &expected,
    );
    let err = suite.query_err(&QueryMsg::Report {
        release_id: rc.clone(),
        auditor: "nobody".into(),
    });
    assert!(err.contains("invalid address \"nobody\""), "{err}");
    assert!(suite.reports(&rc, None, None).reports.is_empty());
    assert!(suite.report_log(&rc, None, None).events.is_empty());
}
