        const error = new KafkaJSConnectionError(`Connection error: ${e.message}`, {
        const error = new KafkaJSConnectionError('Connection timeout', {
            new KafkaJSConnectionError('Connection closed by the server', {
