export default definePageConfig({ navigationBarTitleText: '困难帮扶', enablePageMeta: true });
