/**
 * Writes one event item without ever overwriting another producer's: a conditional PutItem that
 * takes a free key, or the key of an item the same producer wrote (the same event again, e.g. an
 * exporter's retry of a batch, so it stays one item), and refuses any other. For producers whose
 * timestamps are not unique by a writer slot of their own (the OTLP receiver's are the spans' own
 * times), so an unconditional batch write would not be safe.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type PutOutcome = 'written' | 'clash';

export async function putEventItem(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown> & { producer_id: string },
): Promise<PutOutcome> {
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(workflow_id) OR producer_id = :producer',
        ExpressionAttributeValues: { ':producer': item.producer_id },
      }),
    );
    return 'written';
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return 'clash';
    throw err;
  }
}
