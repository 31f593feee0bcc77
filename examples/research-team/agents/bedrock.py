"""Optional: let the writer draft with Amazon Bedrock (Converse API) when AGENTIFY_BEDROCK_MODEL_ID
is set. Off by default so the sample runs offline; any failure falls back to the offline writer."""
import os

from agentify import log, trace_llm


def model_id():
    return os.environ.get("AGENTIFY_BEDROCK_MODEL_ID", "").strip()


def draft(prompt, notes):
    """The model's report text, or None when Bedrock is off or the call failed."""
    model = model_id()
    if not model:
        return None
    try:
        import boto3

        client = boto3.client("bedrock-runtime", region_name=os.environ.get("AWS_REGION") or "us-east-1")
        request = ("Write a short Markdown report answering: %s\n\nUse these notes:\n%s" % (prompt, notes))
        with trace_llm(model, system="aws.bedrock", input=request) as call:
            response = client.converse(modelId=model, messages=[{"role": "user", "content": [{"text": request}]}],
                                       inferenceConfig={"maxTokens": 800, "temperature": 0.2})
            text = "".join(part.get("text", "") for part in response["output"]["message"]["content"])
            usage = response.get("usage", {})
            call.record(input_tokens=usage.get("inputTokens"), output_tokens=usage.get("outputTokens"), output=text)
        return text
    except Exception as exc:
        log("Bedrock call failed (%s: %s); using the offline writer." % (type(exc).__name__, exc), level="warning")
        return None
