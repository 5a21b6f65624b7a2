                const err = new Error("connect ETIMEDOUT");
            "Stream isn't writeable and enableOfflineQueue options is false"
      console.error("[ioredis] Unhandled error event:", error.stack);
