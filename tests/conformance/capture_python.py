"""Captures what Alibaba Cloud's Python clients build and send for every case.

- alibabacloud_ecs20140526 (Tea SDK): the model's to_map(), the flat dict it builds before
  signing (alibabacloud_tea_openapi's Utils.query), and the wire request with the default
  signer (ACS3) and with the v2 RPC signature.
- aliyun-python-sdk-ecs (+ aliyun-python-sdk-core): the flat dict it signs and the wire
  request (v2 RPC signature, its only one).

Usage: capture_python.py CASES.json OUT_DIR PORT RECORDS.jsonl
"""
import json
import sys

import aliyunsdkcore.request as old_core
import alibabacloud_ecs20140526.client as tea_client
from alibabacloud_ecs20140526 import models as m
from alibabacloud_tea_openapi import models as open_api
from aliyunsdkcore.client import AcsClient
from aliyunsdkecs.request.v20140526.ImportImageRequest import ImportImageRequest as OldRequest
from darabonba.runtime import RuntimeOptions

from wire import Wire, dump, query_text, split, write

AK, SECRET = "LTAI5tConformanceKey", "conformance-secret"

TOP = {
    "Architecture": "architecture", "BootMode": "boot_mode", "ClientToken": "client_token",
    "Description": "description", "DetectionStrategy": "detection_strategy", "DryRun": "dry_run",
    "ImageName": "image_name", "LicenseType": "license_type", "OSType": "ostype", "OwnerId": "owner_id",
    "Platform": "platform", "RegionId": "region_id", "ResourceGroupId": "resource_group_id",
    "ResourceOwnerAccount": "resource_owner_account", "ResourceOwnerId": "resource_owner_id",
    "RoleName": "role_name", "StorageLocationArn": "storage_location_arn",
}
DISK = {"Device": "device", "DiskImSize": "disk_im_size", "DiskImageSize": "disk_image_size",
        "Format": "format", "OSSBucket": "ossbucket", "OSSObject": "ossobject"}
FEATURES = {"ImdsSupport": "imds_support", "NvmeSupport": "nvme_support"}


def tea_request(params):
    """The request built with the Tea SDK's own model classes."""
    top, disks, tags, features = split(params)
    kw = {TOP[k]: v for k, v in top.items()}
    if disks:
        kw["disk_device_mapping"] = [m.ImportImageRequestDiskDeviceMapping(**{DISK[f]: v for f, v in d.items()}) for d in disks]
    if tags:
        kw["tag"] = [m.ImportImageRequestTag(key=t.get("Key"), value=t.get("Value")) for t in tags]
    if features:
        kw["features"] = m.ImportImageRequestFeatures(**{FEATURES[f]: v for f, v in features.items()})
    return m.ImportImageRequest(**kw)


def old_request(params, port):
    """The request built with aliyun-python-sdk-ecs's setters (RegionId comes from the client)."""
    top, disks, tags, features = split(params)
    r = OldRequest()
    r.set_endpoint(f"127.0.0.1:{port}")
    r.set_protocol_type("http")
    for key, value in top.items():
        if key != "RegionId":
            getattr(r, f"set_{key}")(value)
    if disks:
        r.set_DiskDeviceMappings(disks)
    if tags:
        r.set_Tags(tags)
    if features:
        r.set_Features(features)
    return r


def main():
    cases_path, out, port, records = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    wire = Wire(records)
    flat = []
    real_query = tea_client.Utils.query
    tea_client.Utils.query = lambda q: flat.append(real_query(q)) or flat[-1]
    signed = []
    real_sign = old_core.rpc_signer.get_signed_url
    old_core.rpc_signer.get_signed_url = lambda params, *rest: signed.append(dict(params)) or real_sign(params, *rest)
    for case in json.load(open(cases_path, encoding="utf-8")):
        cid, params = case["id"], case["params"]
        request = tea_request(params)
        write(out, cid, "tea-python.model.json", dump(request.to_map()))
        for signer, form in ((None, "acs3"), ("v2", "v2")):
            cfg = open_api.Config(access_key_id=AK, access_key_secret=SECRET, region_id="cn-hangzhou",
                                  endpoint=f"127.0.0.1:{port}", protocol="HTTP")
            if signer:
                cfg.signature_algorithm = signer
            flat.clear()  # the client calls Utils.query on its request first
            tea_client.Client(cfg).import_image_with_options(request, RuntimeOptions())
            write(out, cid, f"tea-python.{form}.query", query_text(wire.take()))
        write(out, cid, "tea-python.flat.json", dump(flat[0]))
        signed.clear()
        client = AcsClient(AK, SECRET, params.get("RegionId", "cn-hangzhou"))
        client.do_action_with_exception(old_request(params, port))
        write(out, cid, "aliyun-python.flat.json", dump(signed[-1]))
        write(out, cid, "aliyun-python.v2.query", query_text(wire.take()))


if __name__ == "__main__":
    main()
