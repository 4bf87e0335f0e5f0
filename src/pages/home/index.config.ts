export default definePageConfig({ navigationBarTitleText: '工会服务', enablePageMeta: true });
