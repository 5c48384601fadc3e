use berty_interface::membership::{InstantiateMsg, MigrateMsg};
use berty_interface::migrate::MigrateError;
use berty_testing::membership::{member, ACTIVIST, TECHNOLOGIST};
use berty_testing::{assert_error, contracts};
use cosmwasm_std::{Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult};
use cw_multi_test::{App, ContractWrapper, Executor};

/// A contract that claims to be `name` at `version` (given as the instantiate message).
fn other_instantiate(
    deps: DepsMut,
    _: Env,
    _: MessageInfo,
    (name, version): (String, String),
) -> StdResult<Response> {
    cw2::set_contract_version(deps.storage, name, version)?;
    Ok(Response::new())
}

fn other_execute(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Err(StdError::msg("unused"))
}

fn other_query(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
    Err(StdError::msg("unused"))
}

#[test]
fn migrates_itself_and_refuses_other_contracts() {
    let mut app = App::default();
    let admin = app.api().addr_make("admin");
    let code = app.store_code(contracts::membership());
    let msg = InstantiateMsg {
        owner: admin.to_string(),
        auditor_registrar: None,
        members: vec![
            member(&app.api().addr_make("alice"), ACTIVIST),
            member(&app.api().addr_make("bob"), TECHNOLOGIST),
        ],
    };
    let membership = app
        .instantiate_contract(code, admin.clone(), &msg, &[], "m", Some(admin.to_string()))
        .unwrap();
    let res = app
        .migrate_contract(admin.clone(), membership.clone(), &MigrateMsg {}, code)
        .unwrap();
    let wasm = res.events.iter().find(|e| e.ty == "wasm").unwrap();
    assert!(wasm
        .attributes
        .iter()
        .any(|a| a.key == "to_version" && a.value == env!("CARGO_PKG_VERSION")));
    let version = cw2::query_contract_info(&app.wrap(), membership.to_string()).unwrap();
    assert_eq!(version.contract, "berty-membership");

    let other_code = app.store_code(Box::new(ContractWrapper::new(
        other_execute,
        other_instantiate,
        other_query,
    )));
    let mut other = |name: &str, version: &str| {
        app.instantiate_contract(
            other_code,
            admin.clone(),
            &(name, version),
            &[],
            "o",
            Some(admin.to_string()),
        )
        .unwrap()
    };
    let (cw4, newer) = (
        other("crates.io:cw4-group", "2.0.0"),
        other("berty-membership", "9.0.0"),
    );
    let err = app
        .migrate_contract(admin.clone(), cw4, &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        err,
        MigrateError::WrongContract {
            contract: "crates.io:cw4-group".into(),
        },
    );
    let err = app
        .migrate_contract(admin, newer, &MigrateMsg {}, code)
        .unwrap_err();
    assert_error(
        err,
        MigrateError::Downgrade {
            from: "9.0.0".into(),
            to: env!("CARGO_PKG_VERSION").into(),
        },
    );
}
