"""The events table as the CloudFormation template declares it, turned into CreateTable arguments,
so tests exercise the deployed key schema rather than a copy of it."""
import os

import yaml

TEMPLATE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                        "infrastructure", "dynamodb-table.yaml")


class _CfnLoader(yaml.SafeLoader):
    pass


def _tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node)
    else:
        value = loader.construct_mapping(node)
    return {"Fn::" + suffix if suffix not in ("Ref",) else "Ref": value}


_CfnLoader.add_multi_constructor("!", _tag)


def load_template(path=TEMPLATE):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_CfnLoader)


def table_definition(table_name, path=TEMPLATE):
    template = load_template(path)
    resource = next(r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")
    props = resource["Properties"]
    args = {
        "TableName": table_name,
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props.get("BillingMode", "PROVISIONED"),
    }
    if args["BillingMode"] == "PROVISIONED":
        args["ProvisionedThroughput"] = props["ProvisionedThroughput"]
    return args
