export default definePageConfig({ navigationBarTitleText: '个人敏感信息处理规则', enablePageMeta: true });
