use berty_interface::release::InstantiateMsg;
use berty_interface::validate::ValidationError;
use berty_testing::{assert_error, contracts};
use cosmwasm_std::coins;
use cw_multi_test::{App, Executor};
use cw_utils::PaymentError;

use crate::suite::{Suite, APP_NAME};

#[test]
fn stores_peers_app_name_and_version() {
    let suite = Suite::new();
    let config = suite.config();
    assert_eq!(config.membership, suite.membership);
    assert_eq!(config.audit_registry, suite.registry);
    assert_eq!(config.council_vote, suite.council);
    assert_eq!(config.app_name, APP_NAME);
    let version = cw2::query_contract_info(&suite.app.wrap(), suite.release.to_string()).unwrap();
    assert_eq!(version.contract, "berty-release");
    assert_eq!(version.version, env!("CARGO_PKG_VERSION"));
}

fn msg(app: &App) -> InstantiateMsg {
    // peers need not exist yet: instantiate never queries them
    InstantiateMsg {
        membership: app.api().addr_make("membership").to_string(),
        audit_registry: app.api().addr_make("registry").to_string(),
        council_vote: app.api().addr_make("council").to_string(),
        app_name: "berty".into(),
    }
}

#[test]
fn refuses_bad_addresses_app_names_and_funds() {
    let mut app = App::default();
    let deployer = app.api().addr_make("deployer");
    berty_testing::set_balance(&mut app, &deployer, &coins(10, "ustake"));
    let code = app.store_code(contracts::release());
    let mut instantiate = |msg: &InstantiateMsg, funds: &[cosmwasm_std::Coin]| {
        app.instantiate_contract(code, deployer.clone(), msg, funds, "release", None)
    };
    let good = msg(&App::default());
    assert!(instantiate(&good, &[]).is_ok());
    let bad_addr = InstantiateMsg {
        council_vote: "council".into(),
        ..good.clone()
    };
    let err = instantiate(&bad_addr, &[]).unwrap_err();
    assert_error(err, "invalid address \"council\"");
    for name in ["", &"x".repeat(65)] {
        let err = instantiate(
            &InstantiateMsg {
                app_name: name.to_string(),
                ..good.clone()
            },
            &[],
        )
        .unwrap_err();
        assert_error(
            err,
            ValidationError::InvalidLabel {
                field: "app_name",
                len: name.len(),
                max: 64,
            },
        );
    }
    let err = instantiate(&good, &coins(1, "ustake")).unwrap_err();
    assert_error(err, PaymentError::NonPayable {});
}
