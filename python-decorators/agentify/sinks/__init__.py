"""Where events go: the workflow's stdout (read live by the extension) and the DynamoDB table.
Both implement agentify.sinks.base.Sink."""
