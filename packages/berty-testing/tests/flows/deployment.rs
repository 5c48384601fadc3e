//! The deployment of SPEC section 2: four instantiate2 addresses known before anything is
//! instantiated (the suite asserts each is where it was predicted), each contract wired to
//! its peers by its instantiate message, council-vote governing from the first block.

use berty_interface::release::UpdateReleaseConfigMsg;
use berty_interface::{audit_registry, council_vote, membership, release, Role};
use berty_testing::dao::{Dao, APP_NAME};
use cosmwasm_std::Addr;

#[test]
fn every_contract_knows_its_peers_and_council_vote_governs() {
    let mut dao = Dao::new();
    let q = dao.app.wrap();
    let m: membership::ConfigResponse = q
        .query_wasm_smart(&dao.membership, &membership::QueryMsg::Config {})
        .unwrap();
    assert_eq!(m.owner, dao.council);
    assert_eq!(m.auditor_registrar, Some(dao.registry.clone()));
    let r: audit_registry::ConfigResponse = q
        .query_wasm_smart(&dao.registry, &audit_registry::QueryMsg::Config {})
        .unwrap();
    assert_eq!(
        (r.membership, r.release, r.governance),
        (
            dao.membership.clone(),
            dao.release.clone(),
            dao.council.clone()
        )
    );
    let c: council_vote::ConfigResponse = q
        .query_wasm_smart(&dao.council, &council_vote::QueryMsg::Config {})
        .unwrap();
    assert_eq!(
        (c.membership, c.release),
        (dao.membership.clone(), dao.release.clone())
    );
    let rel: release::ConfigResponse = q
        .query_wasm_smart(&dao.release, &release::QueryMsg::Config {})
        .unwrap();
    assert_eq!(
        (
            rel.membership,
            rel.audit_registry,
            rel.council_vote,
            rel.app_name
        ),
        (
            dao.membership.clone(),
            dao.registry.clone(),
            dao.council.clone(),
            APP_NAME.to_string()
        )
    );
    // governance is every contract's admin
    for contract in [&dao.membership, &dao.registry, &dao.council, &dao.release] {
        let info = q.query_wasm_contract_info(contract).unwrap();
        assert_eq!(info.admin, Some(dao.council.clone()));
    }

    // the Council changes memberships through a passed proposal; nobody else can
    dao.govern_members(&[("ctr2", Role::CoreTeamRep)], &["ctr1"])
        .unwrap();
    assert_eq!(dao.role("ctr2"), Some(Role::CoreTeamRep));
    assert_eq!(dao.role("ctr1"), None);
    let msg = membership::ExecuteMsg::UpdateMembers {
        add: vec![berty_testing::membership::member(
            &Addr::unchecked("x"),
            Role::Auditor,
        )],
        remove: vec![],
    };
    let membership_addr = dao.membership.clone();
    assert!(dao
        .execute("deployer", &membership_addr, &msg, &[])
        .is_err());
}

#[test]
fn governance_reconfigures_and_migrates_the_release_contract() {
    let mut dao = Dao::new();
    let update = Dao::wasm_msg(
        &dao.release,
        &release::ExecuteMsg::UpdateConfig(UpdateReleaseConfigMsg {
            membership: None,
            audit_registry: None,
            council_vote: None,
            app_name: Some("berty-next".into()),
        }),
    );
    dao.govern(vec![update]).unwrap();
    assert_eq!(release_config(&dao).app_name, "berty-next");

    // council-vote is the admin: a passed proposal migrates the contract
    let code_id = dao
        .app
        .wrap()
        .query_wasm_contract_info(&dao.release)
        .unwrap()
        .code_id;
    let migrate = cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Migrate {
        contract_addr: dao.release.to_string(),
        new_code_id: code_id,
        msg: cosmwasm_std::to_json_binary(&release::MigrateMsg {}).unwrap(),
    });
    let proposal_id = dao.govern(vec![migrate]).unwrap();
    assert_eq!(
        dao.proposal(proposal_id).status,
        council_vote::ProposalStatus::Executed,
        "the migration ran (a failing message fails the execution)"
    );
    let history = dao
        .app
        .wrap()
        .query_wasm_raw(dao.release.clone(), b"contract_info".to_vec())
        .unwrap()
        .expect("cw2 version");
    assert!(String::from_utf8(history)
        .unwrap()
        .contains("berty-release"));
    // the migrated contract keeps its state
    assert_eq!(release_config(&dao).app_name, "berty-next");
}

fn release_config(dao: &Dao) -> release::ConfigResponse {
    let query = &release::QueryMsg::Config {};
    dao.app
        .wrap()
        .query_wasm_smart(&dao.release, query)
        .unwrap()
}
