/** What a failed SDK request rejected with: the parts the engine's tests compare. */
export interface Failure {
  name: string
  message: string
  status: number | undefined
  /** The item on a ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure). */
  Item?: Record<string, unknown>
  /** One reason per action of a cancelled transaction. */
  CancellationReasons?: { Code: string; Message?: string; Item?: Record<string, unknown> }[]
}

/** Resolves with the request's failure; fails the test when the request succeeds. */
export const failure = (promise: Promise<unknown>): Promise<Failure> =>
  promise.then(
    () => {
      throw new Error("expected the request to fail")
    },
    (error: Failure & { $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      message: error.message,
      status: error.$metadata?.httpStatusCode,
      Item: error.Item,
      CancellationReasons: error.CancellationReasons,
    }),
  )
