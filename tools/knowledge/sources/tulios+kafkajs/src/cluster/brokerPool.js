            `Failed to connect to seed broker, trying another broker from the list: ${e.message}`,
