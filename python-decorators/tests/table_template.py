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
    return {"Fn::" + suffix if suffix not in ("Ref", "Condition") else suffix: value}


_CfnLoader.add_multi_constructor("!", _tag)


def load_template(path=TEMPLATE):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_CfnLoader)


_NO_VALUE = object()


class _Resolver:
    """Evaluates the template for parameter values the way CloudFormation does: conditions,
    Fn::If branches and AWS::NoValue (a removed property or list item)."""

    def __init__(self, template, parameters):
        self.template = template
        self.values = {k: str(v.get("Default", "")) for k, v in template.get("Parameters", {}).items()}
        self.values.update(parameters or {})

    def condition(self, name):
        return self.truth(self.template["Conditions"][name])

    def truth(self, node):
        if "Condition" in node:
            return self.condition(node["Condition"])
        if "Fn::Equals" in node:
            a, b = (str(self.walk(v)) for v in node["Fn::Equals"])
            return a == b
        if "Fn::Not" in node:
            return not self.truth(node["Fn::Not"][0])
        if "Fn::And" in node:
            return all(self.truth(c) for c in node["Fn::And"])
        if "Fn::Or" in node:
            return any(self.truth(c) for c in node["Fn::Or"])
        raise ValueError("unsupported condition %r" % (node,))

    def walk(self, node):
        if isinstance(node, list):
            return [v for v in (self.walk(i) for i in node) if v is not _NO_VALUE]
        if not isinstance(node, dict):
            return node
        if list(node) == ["Ref"]:
            if node["Ref"] == "AWS::NoValue":
                return _NO_VALUE
            return self.values.get(node["Ref"], node)
        if list(node) == ["Fn::If"]:
            name, when_true, when_false = node["Fn::If"]
            return self.walk(when_true if self.condition(name) else when_false)
        out = {}
        for key, value in node.items():
            value = self.walk(value)
            if value is not _NO_VALUE:
                out[key] = value
        return out


def table_definition(table_name, path=TEMPLATE, parameters=None):
    """CreateTable arguments for the default table, or the variant the parameters pick."""
    template = load_template(path)
    resource = next(r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table")
    props = _Resolver(template, parameters).walk(resource["Properties"])
    args = {
        "TableName": table_name,
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props.get("BillingMode", "PROVISIONED"),
    }
    if args["BillingMode"] == "PROVISIONED":
        args["ProvisionedThroughput"] = props["ProvisionedThroughput"]
    if props.get("GlobalSecondaryIndexes"):
        args["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
    if props.get("StreamSpecification"):
        args["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
    return args
