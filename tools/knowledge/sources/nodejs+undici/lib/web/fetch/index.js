      p.reject(new TypeError('fetch failed', { cause: response.error }))
