// The API's reading page (/docs): Swagger UI over the contract the API serves itself.
window.SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', deepLinking: true, tryItOutEnabled: false });
