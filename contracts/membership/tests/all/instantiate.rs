use berty_interface::membership::{CountsResponse, InstantiateMsg, MemberInit, MAX_BATCH};
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::contracts;
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, TECHNOLOGIST};
use cosmwasm_std::{coins, Addr};
use cw_multi_test::{App, Executor};

#[test]
fn genesis_members_owner_and_registrar() {
    let suite = MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("carol", Role::CoreTeamRep),
        ("dave", Role::Auditor),
    ]);
    let config = suite.config();
    assert_eq!(config.owner, suite.owner);
    assert_eq!(config.pending_owner, None);
    assert_eq!(config.auditor_registrar, Some(suite.registrar.clone()));
    assert_eq!(suite.role(&suite.addr("alice")), Some(ACTIVIST));
    assert_eq!(suite.role(&suite.addr("carol")), Some(Role::CoreTeamRep));
    assert_eq!(
        suite.counts(None),
        CountsResponse {
            activists: 1,
            technologists: 1,
            core_team_reps: 1,
            auditors: 1
        }
    );
    // the genesis block itself sees no members yet: changes show from the next block
    assert_eq!(
        suite.counts(Some(suite.height())),
        CountsResponse::default()
    );
    assert_eq!(
        suite
            .member(&suite.addr("alice"), Some(suite.height()))
            .role,
        None
    );
    assert_eq!(
        suite
            .member(&suite.addr("alice"), Some(suite.height() + 1))
            .role,
        Some(ACTIVIST)
    );
}

#[test]
fn registrar_is_optional() {
    let mut app = App::default();
    let code = app.store_code(contracts::membership());
    let owner = app.api().addr_make("owner");
    let msg = InstantiateMsg {
        owner: owner.to_string(),
        auditor_registrar: None,
        members: vec![],
    };
    let contract = app
        .instantiate_contract(code, owner.clone(), &msg, &[], "m", None)
        .unwrap();
    let config: berty_interface::membership::ConfigResponse = app
        .wrap()
        .query_wasm_smart(contract, &berty_interface::membership::QueryMsg::Config {})
        .unwrap();
    assert_eq!(config.auditor_registrar, None);
}

fn instantiate_err(msg: InstantiateMsg, funds: &[cosmwasm_std::Coin]) -> String {
    let mut app = App::new(|router, api, storage| {
        let rich = api.addr_make("deployer");
        router
            .bank
            .init_balance(storage, &rich, coins(1_000, "ustake"))
            .unwrap();
    });
    let code = app.store_code(contracts::membership());
    let deployer = app.api().addr_make("deployer");
    app.instantiate_contract(code, deployer, &msg, funds, "m", None)
        .unwrap_err()
        .to_string()
}

fn valid_addr(name: &str) -> Addr {
    App::default().api().addr_make(name)
}

#[test]
fn rejects_invalid_owner_registrar_and_members() {
    let alice = valid_addr("alice");
    let base = InstantiateMsg {
        owner: valid_addr("owner").to_string(),
        auditor_registrar: None,
        members: vec![],
    };
    let err = instantiate_err(
        InstantiateMsg {
            owner: "not-an-address".into(),
            ..base.clone()
        },
        &[],
    );
    assert!(err.contains("invalid address \"not-an-address\""), "{err}");
    let err = instantiate_err(
        InstantiateMsg {
            auditor_registrar: Some("Registrar".into()),
            ..base.clone()
        },
        &[],
    );
    assert!(err.contains("invalid address \"Registrar\""), "{err}");
    let err = instantiate_err(
        InstantiateMsg {
            members: vec![member(&alice, ACTIVIST), member(&alice, Role::Auditor)],
            ..base.clone()
        },
        &[],
    );
    assert_error(
        err,
        ContractError::DuplicateMember {
            addr: alice.clone(),
        },
    );
    let err = instantiate_err(
        InstantiateMsg {
            members: (0..=MAX_BATCH)
                .map(|i| member(&valid_addr(&format!("m{i}")), ACTIVIST))
                .collect(),
            ..base.clone()
        },
        &[],
    );
    assert_error(
        err,
        ContractError::BatchTooLarge {
            field: "members",
            len: MAX_BATCH + 1,
            max: MAX_BATCH,
        },
    );
    let err = instantiate_err(
        InstantiateMsg {
            members: vec![MemberInit {
                addr: "cosmwasm1short".into(),
                role: ACTIVIST,
            }],
            ..base.clone()
        },
        &[],
    );
    assert!(err.contains("invalid address \"cosmwasm1short\""), "{err}");
    let err = instantiate_err(base, &coins(5, "ustake"));
    assert_error(err, cw_utils::PaymentError::NonPayable {});
}
