/**
 * Key options other than the defaults everywhere (table, key, index and index key names): what
 * the tests that check custom key names use.
 */
export const customKeys = Object.freeze({
  tableName: "custom",
  partitionKey: "PK",
  sortKey: "SK",
  indexName: "gsi1",
  indexPartitionKey: "gsi1pk",
  indexSortKey: "gsi1sk",
})
