// vitest-dynamodb-lite's config: the next-auth table (authtable's schema). It listens on
// basePort + the vitest worker's id; the bench picks a free block of ports for every run
// (BENCH_LITE_BASE_PORT, bench/_free-ports.ts), since a fixed one collides with other runs.
export default {
  basePort: Number(process.env.BENCH_LITE_BASE_PORT ?? 47100),
  tables: [
    {
      TableName: "next-auth",
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
        { AttributeName: "GSI1PK", AttributeType: "S" },
        { AttributeName: "GSI1SK", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "GSI1",
          KeySchema: [
            { AttributeName: "GSI1PK", KeyType: "HASH" },
            { AttributeName: "GSI1SK", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    },
  ],
}
