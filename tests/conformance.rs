//! The real-client conformance suite. For every case of `tests/conformance/cases.json`,
//! Alibaba Cloud's own clients built the request with their own model classes and sent it
//! to a local server; `tests/conformance/capture.sh` saved every form they produce (the
//! model maps, the flat dicts they sign, the wire requests with the ACS3 and v2 signers)
//! under `tests/conformance/captures/`. Every form must lint to the same verdict and the
//! same (rule, param) findings as the case's clean flat JSON, under every profile.
//!
//! One difference is expected and asserted rather than ignored: a request signed with the
//! v2 RPC signature carries `AccessKeyId` and `Signature` in its parameters, which the
//! linter reports as `credential-in-request` (masked). The comparison leaves out exactly
//! those findings, and checks that every v2 form has them.
//!
//! The test command regenerates the captures with the installed clients and runs this
//! test on them too (`CONFORMANCE_CAPTURES`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use importimage_lint::{profile, Linter, Options, Report, Rule};

/// The forms each case must have, one file each: client.form.extension.
const FORMS: &[&str] = &[
    "tea-python.model.json",
    "tea-python.flat.json",
    "tea-python.acs3.query",
    "tea-python.v2.query",
    "aliyun-python.flat.json",
    "aliyun-python.v2.query",
    "tea-node.model.json",
    "tea-node.map.json",
    "tea-node.flat.json",
    "tea-node.acs3.query",
    "tea-node.v2.query",
    "pop-core.v2.query",
];

/// The parameters a signed request carries that its clean form does not.
const SIGNING: &[&str] = &["AccessKeyId", "Signature", "SecurityToken"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn captures() -> PathBuf {
    std::env::var_os("CONFORMANCE_CAPTURES").map_or_else(|| root().join("captures"), PathBuf::from)
}

fn cases() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(root().join("cases.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

type Findings = BTreeSet<(Rule, Option<String>)>;

fn findings(r: &Report, signed: bool) -> Findings {
    r.diagnostics
        .iter()
        .filter(|d| {
            !(signed
                && d.rule == Rule::CredentialInRequest
                && SIGNING.contains(&d.param.as_deref().unwrap_or("")))
        })
        .map(|d| (d.rule, d.param.clone()))
        .collect()
}

#[test]
fn every_form_of_every_case_lints_like_its_clean_flat_json() {
    let cases = cases();
    assert!(cases.len() >= 25, "{}", cases.len());
    let dir = captures();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    let mut verdicts = BTreeSet::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let clean = serde_json::to_string(&case["params"]).unwrap();
        for p in profile::PROFILES {
            let linter = Linter::new(Options::default().with_profile(p));
            let expected = linter.lint_str(&clean);
            verdicts.insert((p.id, expected.valid));
            for form in FORMS {
                let path = dir.join(id).join(form);
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let signed = form.contains(".v2.");
                let got = linter.lint_str(&text);
                compared += 1;
                if signed {
                    for name in ["AccessKeyId", "Signature"] {
                        assert!(
                            got.has(Rule::CredentialInRequest, name),
                            "{id}/{form}: {name} is reported"
                        );
                    }
                }
                if got.valid != expected.valid
                    || findings(&got, signed) != findings(&expected, false)
                {
                    let (g, e) = (findings(&got, signed), findings(&expected, false));
                    mismatches.push(format!(
                        "{id}/{form} under {}: valid {} vs {}; only in the form: {:?}; only in the clean JSON: {:?}",
                        p.id,
                        got.valid,
                        expected.valid,
                        g.difference(&e).collect::<Vec<_>>(),
                        e.difference(&g).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {compared} comparisons differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    for p in profile::PROFILES {
        assert!(
            verdicts.contains(&(p.id, true)) && verdicts.contains(&(p.id, false)),
            "{} sees valid and invalid cases",
            p.id
        );
    }
}

/// The cases use the parameters of both profiles, so every SDK field is exercised.
#[test]
fn the_cases_use_the_parameters_of_both_profiles() {
    let mut names = BTreeSet::new();
    for case in cases() {
        for key in case["params"].as_object().unwrap().keys() {
            let mut parts: Vec<&str> = key.split('.').collect();
            if parts.len() == 3 {
                parts[1] = "N";
            }
            names.insert(parts.join("."));
        }
    }
    for p in profile::PROFILES {
        for param in p.params {
            let name = param.name();
            let signing_or_credential = matches!(
                name,
                "Action"
                    | "Format"
                    | "Version"
                    | "SignatureMethod"
                    | "SignatureVersion"
                    | "SignatureType"
                    | "SignatureNonce"
                    | "Timestamp"
                    | "OwnerAccount"
            ) || matches!(param.kind(), profile::Kind::Credential);
            // The signers add the common parameters themselves; credentials never belong
            // in a request model; OwnerAccount is in no SDK model.
            if !signing_or_credential && param.deprecation().is_none() {
                assert!(names.contains(name), "no case sets {name} ({})", p.id);
            }
        }
    }
}
