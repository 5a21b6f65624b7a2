            : `All sentinels are unreachable. Retrying from scratch after ${retryDelay}ms.`;
