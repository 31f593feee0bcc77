"""What a DynamoDB error means for the writer (retry it, or stop writing and say why), and the
one message per cause a user sees."""
from __future__ import annotations

from typing import Any, Optional, cast

DEPLOY_HINT = ("aws cloudformation deploy --template-file infrastructure/dynamodb-table.yaml "
               "--stack-name agentify-workflow-events --parameter-overrides TableName=%s --region %s")

THROTTLE = frozenset({"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
                      "InternalServerError", "InternalFailure", "ServiceUnavailable", "LimitExceededException",
                      "RequestTimeout", "TransactionConflictException"})
BAD_CREDENTIALS = frozenset({"UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
                             "InvalidClientTokenId", "MissingAuthenticationTokenException",
                             "NoCredentialsError", "PartialCredentialsError"})
# No answer, or an answer cut off: the request may or may not have been applied (ambiguous).
_CONNECTION = frozenset({"EndpointConnectionError", "ConnectionClosedError", "ConnectTimeoutError",
                         "ReadTimeoutError", "ConnectionError", "HTTPClientError", "ProxyConnectionError",
                         "ConnectionResetError", "BrokenPipeError", "ConnectionRefusedError"})


def error_code(exc: BaseException) -> str:
    response: Any = getattr(exc, "response", None)
    if isinstance(response, dict):
        error: Any = cast(Any, response).get("Error")
        if isinstance(error, dict):
            code: Any = cast(Any, error).get("Code")
            if isinstance(code, str) and code:
                return code
        status: Any = cast(Any, response).get("ResponseMetadata", {}).get("HTTPStatusCode")
        if isinstance(status, int) and status >= 500:
            return "InternalServerError"
    name = type(exc).__name__
    return "connection" if name in _CONNECTION else name


def is_transient(code: str) -> bool:
    return code == "connection" or code in THROTTLE


def failure_message(code: str, exc: BaseException, table: str, region: str, endpoint: Optional[str]) -> str:
    where = " at %s" % endpoint if endpoint else ""
    if code == "ResourceNotFoundException":
        return ("agentify: table %s does not exist in %s%s, so events are not stored (the workflow carries on). "
                "Deploy it: %s — or set AGENTIFY_TABLE_NAME to an existing table."
                % (table, region, where, DEPLOY_HINT % (table, region)))
    if code in BAD_CREDENTIALS:
        return ("agentify: no valid AWS credentials for table %s (%s), so events are not stored (the workflow "
                "carries on). Configure a profile (aws configure, or aws sso login --profile NAME and set "
                "AWS_PROFILE) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY." % (table, code))
    if code == "AccessDeniedException":
        return ("agentify: access denied writing to table %s: grant dynamodb:PutItem and dynamodb:BatchWriteItem "
                "on it to these credentials. (%s)" % (table, exc))
    if code in THROTTLE:
        return ("agentify: table %s kept throttling writes (%s) past the retry time; those events were dropped. "
                "Use on-demand capacity (the template's PAY_PER_REQUEST) or raise the table's write capacity."
                % (table, code))
    if code == "connection":
        return ("agentify: cannot reach DynamoDB%s for table %s (%s); events that waited past the retry time "
                "were dropped. Start the local server (npm run local-db) or fix AGENTIFY_DYNAMODB_ENDPOINT."
                % (where, table, exc))
    return "agentify: an event could not be written to table %s: %s: %s" % (table, code, exc)


# Causes after which no write can succeed: the sink stops trying (one warning says why).
FATAL = frozenset({"ResourceNotFoundException", "AccessDeniedException"}) | BAD_CREDENTIALS
