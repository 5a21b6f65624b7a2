			reject(new FetchError(`request to ${request.url} failed, reason: ${error.message}`, 'system', error));
