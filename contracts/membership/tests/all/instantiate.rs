use berty_interface::membership::{
    CountsResponse, InstantiateMsg, MemberEventKind, MemberInit, MAX_BATCH,
};
use berty_interface::Role;
use berty_membership::ContractError;
use berty_testing::assert_error;
use berty_testing::contracts;
use berty_testing::membership::{
    assert_attributes, logged, member, role_change, MembershipSuite, ACTIVIST, TECHNOLOGIST,
};
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

/// The instantiate event: `action`, `owner`, how many `members`, then per member its
/// `member`, `role` and `change`, then `log`/`seq` per members-log event (SPEC 5).
#[test]
fn genesis_emits_each_grant_and_the_log_seqs_it_appended() {
    let mut app = App::default();
    let code = app.store_code(contracts::membership());
    let (owner, deployer) = (
        app.api().addr_make("owner"),
        app.api().addr_make("deployer"),
    );
    let (alice, bob, carol, dave) = (
        app.api().addr_make("alice"),
        app.api().addr_make("bob"),
        app.api().addr_make("carol"),
        app.api().addr_make("dave"),
    );
    let msg = InstantiateMsg {
        owner: owner.to_string(),
        auditor_registrar: None,
        members: vec![
            member(&alice, ACTIVIST),
            member(&bob, TECHNOLOGIST),
            member(&carol, Role::CoreTeamRep),
            member(&dave, Role::Auditor),
        ],
    };
    // instantiate_contract keeps only the address: send the message to see its events
    let res = app
        .execute(
            deployer,
            cosmwasm_std::WasmMsg::Instantiate {
                admin: None,
                code_id: code,
                msg: cosmwasm_std::to_json_binary(&msg).unwrap(),
                funds: vec![],
                label: "m".into(),
            }
            .into(),
        )
        .unwrap();
    let contract = res
        .events
        .iter()
        .find(|e| e.ty == "instantiate")
        .and_then(|e| e.attributes.iter().find(|a| a.key == "_contract_address"))
        .map(|a| a.value.clone())
        .unwrap();
    assert_attributes(
        &res,
        &[
            ("action", "instantiate"),
            ("owner", owner.as_str()),
            ("members", "4"),
            ("member", alice.as_str()),
            ("role", r#"{"council":{"college":"activists"}}"#),
            ("change", "granted"),
            ("member", bob.as_str()),
            ("role", r#"{"council":{"college":"technologists"}}"#),
            ("change", "granted"),
            ("member", carol.as_str()),
            ("role", "core_team_rep"),
            ("change", "granted"),
            ("member", dave.as_str()),
            ("role", "auditor"),
            ("change", "granted"),
            ("log", "members"),
            ("seq", "0"),
            ("log", "members"),
            ("seq", "1"),
            ("log", "members"),
            ("seq", "2"),
            ("log", "members"),
            ("seq", "3"),
        ],
    );

    // the seqs are the members log's: genesis events 0..=3, one grant per member, in order
    let log: berty_interface::membership::MemberLogResponse = app
        .wrap()
        .query_wasm_smart(
            contract,
            &berty_interface::membership::QueryMsg::MemberLog {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    let granted = |seq, addr: &Addr, role| (seq, MemberEventKind::Granted, role_change(addr, role));
    assert_eq!(
        logged(log),
        vec![
            granted(0, &alice, ACTIVIST),
            granted(1, &bob, TECHNOLOGIST),
            granted(2, &carol, Role::CoreTeamRep),
            granted(3, &dave, Role::Auditor),
        ]
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
        members: vec![
            member(&app.api().addr_make("alice"), ACTIVIST),
            member(&app.api().addr_make("bob"), TECHNOLOGIST),
        ],
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

/// SPEC 4.1: a college with no member could never open a proposal again, so genesis must
/// seat both.
#[test]
fn a_genesis_that_leaves_a_college_empty_is_refused() {
    let (alice, bob, carol, dave) = (
        valid_addr("alice"),
        valid_addr("bob"),
        valid_addr("carol"),
        valid_addr("dave"),
    );
    let genesis = |members: Vec<MemberInit>| InstantiateMsg {
        owner: valid_addr("owner").to_string(),
        auditor_registrar: None,
        members,
    };
    let cases = [
        (vec![], "activists"),
        (vec![member(&bob, TECHNOLOGIST)], "activists"),
        (vec![member(&alice, ACTIVIST)], "technologists"),
        (
            vec![
                member(&alice, ACTIVIST),
                member(&bob, ACTIVIST),
                member(&carol, Role::CoreTeamRep),
                member(&dave, Role::Auditor),
            ],
            "technologists",
        ),
        (
            vec![
                member(&carol, Role::CoreTeamRep),
                member(&dave, Role::Auditor),
            ],
            "activists",
        ),
    ];
    for (members, college) in cases {
        let err = instantiate_err(genesis(members), &[]);
        assert_error(err, ContractError::CollegeEmpty { college });
    }
    // `members` may be omitted in JSON, but then nobody seats the colleges
    let mut app = App::default();
    let code = app.store_code(contracts::membership());
    let deployer = app.api().addr_make("deployer");
    let json = format!(r#"{{"owner":"{}"}}"#, valid_addr("owner"));
    let err = app
        .execute(
            deployer,
            cosmwasm_std::WasmMsg::Instantiate {
                admin: None,
                code_id: code,
                msg: cosmwasm_std::Binary::from(json.as_bytes()),
                funds: vec![],
                label: "m".into(),
            }
            .into(),
        )
        .unwrap_err();
    assert_error(
        err,
        ContractError::CollegeEmpty {
            college: "activists",
        },
    );
}
