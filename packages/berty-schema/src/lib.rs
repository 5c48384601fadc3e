//! The JSON schema files of every contract, as `cosmwasm-schema` renders them:
//! `schema/<contract>/<crate>.json` (the whole API) and `schema/<contract>/raw/*.json`.

use std::path::PathBuf;

use cosmwasm_schema::{generate_api, Api};

/// Every contract's API: (schema folder, API).
pub fn apis() -> Vec<(&'static str, Api)> {
    vec![
        ("membership", membership()),
        ("audit-registry", audit_registry()),
        ("council-vote", council_vote()),
        ("release", release()),
    ]
}

fn audit_registry() -> Api {
    use berty_audit_registry::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
    generate_api! {
        name: "berty-audit-registry",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
}

fn council_vote() -> Api {
    use berty_council_vote::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
    generate_api! {
        name: "berty-council-vote",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
}

fn release() -> Api {
    use berty_release::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
    generate_api! {
        name: "berty-release",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
}

fn membership() -> Api {
    use berty_membership::msg::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
    generate_api! {
        name: "berty-membership",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    }
}

pub fn schema_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema"))
}

/// (path below `schema/`, contents) of every file the schemas consist of.
pub fn render() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for (dir, api) in apis() {
        let name = api.contract_name.clone();
        let json = api.render();
        files.push((
            PathBuf::from(dir).join(format!("{name}.json")),
            json.to_string().expect("schema renders") + "\n",
        ));
        for (file, text) in json.to_schema_files().expect("schema renders") {
            files.push((PathBuf::from(dir).join("raw").join(file), text + "\n"));
        }
    }
    files
}
